"""A centralised service's deadlines page opens each school's term in that school: through the user's own
membership there (a POST, as the organisation switcher), or says they hold no role there."""

from __future__ import annotations

import time_machine
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse

from kadry.core.access import SESSION_KEY
from kadry.core.tests.test_deadlines_page import NOW, R, _service_with_schools, pytestmark  # noqa: F401
from kadry.testing.factories import MembershipFactory


def _service_user_in_one_school():
    service, schools = _service_with_schools(2)
    seat = MembershipFactory(organisation=schools[0], user=service.user, role=R.HR_INSPECTOR)
    client = Client()
    client.force_login(service.user)
    session = client.session
    session[SESSION_KEY] = service.pk
    session.save()
    return client, service, seat, schools


@time_machine.travel(NOW, tick=False)
def test_each_term_opens_in_its_school_or_says_there_is_no_role() -> None:
    client, _service, seat, (kept, other) = _service_user_in_one_school()
    page = client.get(reverse("deadlines"))
    rows = [d for _s, _l, items in page.context["groups"] for d, _school in items]
    assert {d.organisation_id for d in rows} == {kept.pk, other.pk}
    assert page.context["openable"] == {kept.pk}
    html = page.content.decode()
    assert f'action="{reverse("deadline_open")}"' in html and f'name="organisation" value="{kept.pk}"' in html
    assert f"нет роли в школе «{other.short_name}»" in html
    term = next(d for d in rows if d.organisation_id == kept.pk)
    assert f'name="next" value="{term.url}"' in html
    # Sent: the session acts in the user's membership at that school, and the term's page opens.
    opened = client.post(reverse("deadline_open"), {"organisation": kept.pk, "next": term.url})
    assert opened.status_code == 302 and opened["Location"] == term.url
    assert client.session[SESSION_KEY] == seat.pk
    assert f"«{kept}»" in " ".join(str(m) for m in get_messages(opened.wsgi_request))


@time_machine.travel(NOW, tick=False)
def test_no_role_no_switch_and_only_this_sites_pages() -> None:
    client, service, _seat, (kept, other) = _service_user_in_one_school()
    refused = client.post(reverse("deadline_open"), {"organisation": other.pk, "next": "/staff/employees/"})
    assert refused.status_code == 302 and refused["Location"] == reverse("deadlines")
    assert client.session[SESSION_KEY] == service.pk
    assert "нет роли" in " ".join(str(m) for m in get_messages(refused.wsgi_request))
    for target in ("https://example.org/", "//example.org/", "staff/", ""):
        assert client.post(reverse("deadline_open"), {"organisation": kept.pk, "next": target}).status_code == 404
    assert client.post(reverse("deadline_open"), {"organisation": "x", "next": "/"}).status_code == 404
    assert client.get(reverse("deadline_open")).status_code == 405
    assert client.session[SESSION_KEY] == service.pk


@time_machine.travel(NOW, tick=False)
def test_a_schools_own_terms_stay_plain_links(hr_inspector) -> None:
    from kadry.core.tests.test_deadlines_page import _contracts

    _contracts(hr_inspector.membership.organisation, 1)
    page = hr_inspector.client.get(reverse("deadlines"))
    html = page.content.decode()
    rows = [d for _s, _l, items in page.context["groups"] for d, _school in items]
    assert rows and all(f'<a href="{d.url}">' in html for d in rows)
    assert reverse("deadline_open") not in html
