"""The plan's shipped DOCX template uses only the placeholders its list documents, and renders."""

from __future__ import annotations

import pytest

from kadry.lib.docx_template import TemplateCheckError, check_template
from kadry.prevention.printing import PLACEHOLDERS, TEMPLATES_DIR


@pytest.mark.parametrize("kind", sorted(PLACEHOLDERS))
def test_every_shipped_template_uses_only_its_documented_placeholders(kind: str) -> None:
    check_template((TEMPLATES_DIR / f"{kind}.docx").read_bytes(), PLACEHOLDERS[kind], document=kind)


def test_every_shipped_template_has_its_list() -> None:
    assert {path.stem for path in TEMPLATES_DIR.glob("*.docx")} == set(PLACEHOLDERS)


def test_the_check_is_not_empty_handed() -> None:
    with pytest.raises(TemplateCheckError):
        check_template((TEMPLATES_DIR / "prevention_plan.docx").read_bytes(), {}, document="prevention_plan")
