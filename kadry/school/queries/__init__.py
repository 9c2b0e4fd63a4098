"""Read-side queries of the school app: rows for the pure rules, bounded in number."""
