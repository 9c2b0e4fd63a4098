"""``python -m kadry.documents.build_templates`` writes the shipped templates."""

from kadry.documents.build_templates import main

main()
