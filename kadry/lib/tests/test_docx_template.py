"""Checking a template's placeholders and tags against its document's allowlist, on Jinja's syntax tree."""

from __future__ import annotations

import io
from collections.abc import Callable

import pytest
from docx import Document
from docx.document import Document as DocumentObject

from kadry.lib.docx_template import TemplateCheckError, check_template, placeholder_rows, rows

ALLOWED = (
    {"employee": "работник", "employee.full_name": "ФИО", "flag": "флажок"}
    | rows("jobs", "должности", {"position": "должность"})
    | rows("paragraphs", "абзацы")
)


def _docx(*paragraphs: str, edit: Callable[[DocumentObject], None] | None = None) -> bytes:
    document = Document()
    for text in paragraphs:
        document.add_paragraph(text)
    if edit is not None:
        edit(document)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _messages(data: bytes) -> list[str]:
    with pytest.raises(TemplateCheckError) as raised:
        check_template(data, ALLOWED, document="Справка")
    return raised.value.messages


def test_documented_fields_loops_conditions_and_filters_pass() -> None:
    check_template(
        _docx(
            "{{ employee.full_name|upper }} {{ employee['full_name'] }} {{ employee.full_name ~ '!' }}",
            "{%p if flag == 'yes' and not employee.full_name is none %}",
            "{%p for job in jobs %}",
            "{{ loop.index }}. {{ job.position|default('—') }}{% if loop.last %}.{% else %};{% endif %}",
            "{%p endfor %}",
            "{%p endif %}",
            "{%p for p in paragraphs %}",
            "{{ p|trim }}",
            "{%p endfor %}",
        ),
        ALLOWED,
        document="Справка",
    )


@pytest.mark.parametrize(
    ("payload", "named"),
    [
        ("{{ ''.__class__.__mro__ }}", "«''.__class__.__mro__»"),
        ("{{ cycler.__init__.__globals__ }}", "«cycler.__init__.__globals__»"),
        ("{{ employee._meta }}", "«employee._meta»"),
        ("{{ employee['__class__'] }}", "«employee['__class__']»"),
        ("{{ jobs|join(', ', attribute='__class__') }}", "«jobs|join(…)»"),
    ],
)
def test_an_underscored_name_is_refused_naming_the_placeholder(payload: str, named: str) -> None:
    (message,) = _messages(_docx(payload))
    assert named in message
    assert "подчёркиванием" in message


@pytest.mark.parametrize(
    ("payload", "named", "says"),
    [
        ("{{ lipsum() }}", "«lipsum(…)»", "вызовы"),
        ("{{ employee.full_name.upper() }}", "«employee.full_name.upper(…)»", "вызовы"),
        ("{{ self }}", "«self»", "не предусмотрено для документа «Справка»"),
        ("{{ employee.inn }}", "«employee.inn»", "не предусмотрено"),
        ("{% for job in jobs %}{{ job.salary }}{% endfor %}", "«job.salary»", "не предусмотрено"),
        ("{{ employee|attr('x') }}", "«employee|attr(…)»", "фильтр «attr»"),
        ("{{ 'x' * 1000000000 }}", "«'x' * 1000000000»", "не допускается"),
        ("{% for x in employee.full_name %}{% endfor %}", "«employee.full_name»", "не список"),
        ("{% include 'base.html' %}", "«{% include %}»", "Тег"),
        ("{% import 'base.html' as b %}", "«{% import %}»", "Тег"),
        ("{% extends 'base.html' %}", "«{% extends %}»", "Тег"),
        ("{% set x = employee %}", "«{% set %}»", "Тег"),
        ("{% macro m() %}{% endmacro %}", "«{% macro %}»", "Тег"),
    ],
)
def test_calls_unknown_fields_and_other_tags_are_refused_naming_them(payload: str, named: str, says: str) -> None:
    messages = _messages(_docx(payload))
    assert any(named in message and says in message for message in messages), messages


def test_every_offence_is_named_once() -> None:
    messages = _messages(_docx("{{ self }} {{ lipsum() }}", "{{ self }}"))
    assert len(messages) == 2


def test_headers_footers_and_document_properties_are_checked_too() -> None:
    def header(document: DocumentObject) -> None:
        document.sections[0].header.paragraphs[0].text = "{{ ''.__class__ }}"

    def footer(document: DocumentObject) -> None:
        document.sections[0].footer.paragraphs[0].text = "{{ lipsum() }}"

    def title(document: DocumentObject) -> None:
        document.core_properties.title = "{{ cycler.__init__ }}"

    assert "«''.__class__»" in _messages(_docx("x", edit=header))[0]
    assert "«lipsum(…)»" in _messages(_docx("x", edit=footer))[0]
    assert "«cycler.__init__»" in _messages(_docx("x", edit=title))[0]


def test_broken_tags_are_refused_as_a_broken_template() -> None:
    (message,) = _messages(_docx("Выдана {{ employee.full_name "))
    assert "проверьте теги" in message


def test_the_upload_page_shows_how_to_write_each_field() -> None:
    assert placeholder_rows(ALLOWED) == [
        ("{{ employee.full_name }}", "ФИО", False),
        ("{{ flag }}", "флажок", False),
        ("{% for row in jobs %} … {% endfor %}", "должности (список)", False),
        ("{{ row.position }}", "должность", True),
        ("{% for row in paragraphs %} … {% endfor %}", "абзацы (список)", False),
        ("{{ row }}", "очередной элемент: абзацы", True),
    ]
