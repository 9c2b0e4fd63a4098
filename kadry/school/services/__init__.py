"""State changes of the school side, one module per concern."""
