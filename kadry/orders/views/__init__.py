"""Views of orders: reading (list, order page), drafting (wizard, items, check), signing (director's queue)."""
