from __future__ import annotations

import pytest

from kadry.lib.names import cyrillic_name_error, is_russian_citizenship
from kadry.lib.phones import phone_error


@pytest.mark.parametrize("value", ["", "+7 (912) 345-67-89", "89123456789", "8-495-123-45-67", "+44 20 7946 0958"])
def test_phone_numbers_pass(value) -> None:
    assert phone_error(value) is None


@pytest.mark.parametrize("value", ["12345", "позвонить", "+7 912 abc 45 67", "7+9123456789", "1234567890123456"])
def test_what_is_not_a_phone_number_is_refused(value) -> None:
    assert phone_error(value) is not None


@pytest.mark.parametrize("value", ["Иванова", "Петрова-Водкина", "Ёлкин", "Оглы Мамед", "Д'Арк"])
def test_russian_names_pass(value) -> None:
    assert cyrillic_name_error(value) is None


@pytest.mark.parametrize("value", ["Ivanova", "Иванова2", "<script>", "Ивановa", "Иванова--", "-Иванова"])
def test_latin_digits_markup_are_refused(value) -> None:
    # «Ивановa» ends in a Latin «a»: a mix a form would not show.
    assert cyrillic_name_error(value) is not None


@pytest.mark.parametrize(
    ("value", "russian"), [("Российская Федерация", True), ("Россия", True), ("РФ", True), ("Казахстан", False)]
)
def test_russian_citizenship(value, russian) -> None:
    assert is_russian_citizenship(value) is russian
