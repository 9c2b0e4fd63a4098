"""Pure rules of the school side, one module per concern (no database)."""
