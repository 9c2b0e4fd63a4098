"""The field data of printed orders: the unified forms Т-1, Т-5, Т-8, Т-11 (and their «а» lists) and free-form orders.

The unified forms are those of Постановление Госкомстата России от 05.01.2004 № 1 «Об утверждении
унифицированных форм первичной учётной документации по учёту труда и его оплаты». Since 2013 they
are not obligatory (Федеральный закон от 06.12.2011 № 402-ФЗ, ст. 9), but schools keep them; the
orders the unified forms do not cover (a sanction, ТК РФ ст. 192–193; a surname change; a class
teacher's appointment or release; a cancellation) are printed as free-form orders.

Loading (``order_print_data``) is kept apart from building (``order_item_fields`` for each item, the
order's header and signatures here): a fixed number of queries whatever the number of items, and a context
of strings only, so the DOCX template and the HTML twin read it the same way (``{{ item.name_accusative }}``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from kadry.core.models import Organisation
from kadry.documents.contexts import organisation_fields
from kadry.documents.order_item_fields import item_fields, person_fields
from kadry.documents.order_print_data import PrintData
from kadry.lib.dates import long_date, quoted_date, short_date
from kadry.orders.models import Order, OrderItem

Kind = Order.Kind
DRAFT_NUMBER = "ПРОЕКТ"
DIRECTOR_POSITION = "Директор"


@dataclass(frozen=True)
class PrintForm:
    """A printed form: the template kind, the unified form's code and ОКУД code, the heading under «ПРИКАЗ»."""

    kind: str
    title: str
    code: str = ""  # «Т-1»; empty for a free-form order
    okud: str = ""  # Общероссийский классификатор управленческой документации (ОК 011-93)

    @property
    def note(self) -> str:
        if not self.code:
            return ""
        return f"Унифицированная форма № {self.code}\nУтверждена постановлением Госкомстата России от 05.01.2004 № 1"


# (order kind, several items?) → form. The ОКУД codes are those printed on the forms of Постановление № 1.
_FORMS: dict[tuple[str, bool], PrintForm] = {
    (Kind.HIRE, False): PrintForm("order_t1", "о приёме работника на работу", "Т-1", "0301001"),
    (Kind.HIRE, True): PrintForm("order_t1a", "о приёме работников на работу", "Т-1а", "0301015"),
    (Kind.TRANSFER, False): PrintForm("order_t5", "о переводе работника на другую работу", "Т-5", "0301004"),
    (Kind.TRANSFER, True): PrintForm("order_t5a", "о переводе работников на другую работу", "Т-5а", "0301018"),
    (Kind.DISMISSAL, False): PrintForm(
        "order_t8", "о прекращении (расторжении) трудового договора с работником (увольнении)", "Т-8", "0301006"
    ),
    (Kind.DISMISSAL, True): PrintForm(
        "order_t8a", "о прекращении (расторжении) трудового договора с работниками (увольнении)", "Т-8а", "0301021"
    ),
    (Kind.AWARD, False): PrintForm("order_t11", "о поощрении работника", "Т-11", "0301026"),
    (Kind.AWARD, True): PrintForm("order_t11a", "о поощрении работников", "Т-11а", "0301027"),
    (Kind.SANCTION, False): PrintForm("order_sanction", "о применении дисциплинарного взыскания"),
    (Kind.SANCTION, True): PrintForm("order_sanction", "о применении дисциплинарных взысканий"),
    (Kind.SURNAME_CHANGE, False): PrintForm("order_surname_change", "об изменении фамилии работника"),
    (Kind.SURNAME_CHANGE, True): PrintForm("order_surname_change", "об изменении фамилий работников"),
    (Kind.CLASS_TEACHER_APPOINTMENT, False): PrintForm("order_class_teacher", "о назначении классного руководителя"),
    (Kind.CLASS_TEACHER_APPOINTMENT, True): PrintForm("order_class_teacher", "о назначении классных руководителей"),
    (Kind.CLASS_TEACHER_RELEASE, False): PrintForm("order_class_teacher", "об освобождении от классного руководства"),
    (Kind.CLASS_TEACHER_RELEASE, True): PrintForm("order_class_teacher", "об освобождении от классного руководства"),
    (Kind.LEAVE, False): PrintForm("order_t6", "о предоставлении отпуска работнику", "Т-6", "0301005"),
    (Kind.LEAVE, True): PrintForm("order_t6a", "о предоставлении отпуска работникам", "Т-6а", "0301019"),
    (Kind.LEAVE_RECALL, False): PrintForm("order_leave_recall", "об отзыве работника из отпуска"),
    (Kind.LEAVE_RECALL, True): PrintForm("order_leave_recall", "об отзыве работников из отпуска"),
    (Kind.BUSINESS_TRIP, False): PrintForm("order_t9", "о направлении работника в командировку", "Т-9", "0301022"),
    (Kind.BUSINESS_TRIP, True): PrintForm("order_t9a", "о направлении работников в командировку", "Т-9а", "0301023"),
    (Kind.SANCTION_LIFT, False): PrintForm("order_sanction_lift", "о снятии дисциплинарного взыскания"),
    (Kind.SANCTION_LIFT, True): PrintForm("order_sanction_lift", "о снятии дисциплинарных взысканий"),
    (Kind.CANCELLATION, False): PrintForm("order_cancellation", "об отмене приказа"),
    (Kind.CANCELLATION, True): PrintForm("order_cancellation", "об отмене приказа"),
}
# Every template kind an order can print with (the shipped DOCX files and the HTML twins).
ORDER_TEMPLATE_KINDS: tuple[str, ...] = tuple(dict.fromkeys(form.kind for form in _FORMS.values()))


def print_form(order: Order, item_count: int) -> PrintForm:
    """Return the form ``order`` prints with: the «а» list form when it has several items."""
    return _FORMS[(order.kind, item_count > 1)]


def _cancellation_paragraphs(order: Order, people: list[dict[str, str]]) -> list[str]:
    target = order.cancels
    if target is None:
        return ["1. Отменить приказ."]
    names = ", ".join(person["name_genitive"] for person in people)
    about = f" в отношении {names}" if names else ""
    title = _FORMS[(target.kind, len(people) > 1)].title
    text = f"1. Отменить приказ от {long_date(target.date)} № {target.display_number} «{title[:1].upper()}{title[1:]}»{about}."
    return [text, "2. Внести соответствующие изменения в кадровые документы работников."]


def order_context(
    order: Order, items: Sequence[OrderItem], data: PrintData, *, organisation: Organisation
) -> dict[str, Any]:
    """Return the data of the printed order: the header, the items (or the paragraphs of a free-form order), the signatures."""
    form = print_form(order, len(items))
    if order.kind == Kind.CANCELLATION:
        rows = [person_fields(item.employee) | {"number": str(n)} for n, item in enumerate(items, start=1)]
        paragraphs = _cancellation_paragraphs(order, rows)
        title = form.title
        if order.cancels is not None:
            title = f"об отмене приказа от {short_date(order.cancels.date)} № {order.cancels.display_number}"
    else:
        rows = [item_fields(order, item, data, n) for n, item in enumerate(items, start=1)]
        paragraphs = [row["text"] for row in rows if row.get("text")]
        title = form.title
    if order.kind == Kind.SURNAME_CHANGE and rows:
        paragraphs.append(
            f"{len(rows) + 1}. Внести изменения в личные карточки (форма Т-2) и сведения о трудовой деятельности "
            f"{'работников' if len(rows) > 1 else 'работника'}."
        )
    preamble = ""
    if order.kind == Kind.SANCTION:
        preamble = "В соответствии со статьями 192 и 193 Трудового кодекса Российской Федерации,"
    elif order.kind == Kind.SANCTION_LIFT:
        preamble = "В соответствии с частью второй статьи 194 Трудового кодекса Российской Федерации,"
    elif order.kind == Kind.CANCELLATION and order.note.strip():
        preamble = order.note.strip().removesuffix(".").removesuffix(",") + ","
    org = organisation_fields(organisation)
    # ОКПО where the organisation keeps it (the field is not in the organisation's card yet).
    org["okpo"] = str(getattr(organisation, "okpo", "") or "")
    first = rows[0] if rows else {}
    return {
        "organisation": org,
        "form": {"code": form.code, "okud": form.okud, "note": form.note, "title": title},
        "order": {
            "number": order.display_number if order.number is not None else DRAFT_NUMBER,
            "is_draft": "yes" if order.number is None else "",
            "date": short_date(order.date),
            "date_long": long_date(order.date),
            "date_quoted": quoted_date(order.date),
            "note": order.note,
        },
        "items": rows,
        "item": first,
        "acquainted": f"С приказом (распоряжением) работник {first.get('acquainted', 'ознакомлен(а)')}",
        "preamble": preamble,
        "paragraphs": paragraphs,
        "director": {"position": DIRECTOR_POSITION, "name": data.director},
    }
