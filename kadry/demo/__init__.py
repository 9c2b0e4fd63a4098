"""Demo data: a Kaluga lyceum, a small school and the HR service that keeps their records (``manage.py demo``).

``builder.build_demo`` makes it; the other modules hold the plans (catalog) and the makers of people,
cards, classes and users. Everything is drawn from fixed seeds, so every build is the same.
"""
