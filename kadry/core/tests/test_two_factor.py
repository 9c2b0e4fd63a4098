"""Two-factor authentication: required of the personal-data roles on every page, set up with a QR code,
verified after the password with an app code or a one-time recovery code."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import re
import time

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticToken

from kadry.api.tests.conftest import Api
from kadry.core.login_middleware import OPEN_BEFORE_SECOND_FACTOR
from kadry.core.models import Membership, SecurityEvent
from kadry.core.permissions import PERSONAL_DATA_ROLES
from kadry.core.security_log import HAS_SECOND_FACTOR_KEY
from kadry.core.services import create_api_token
from kadry.core.tests.test_url_matrix import MATRIX, world  # noqa: F401  (the fixture)
from kadry.testing.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db
R = Membership.Role
Kind = SecurityEvent.Kind


@pytest.fixture
def required(settings) -> None:
    settings.KADRY_REQUIRE_2FA = True


def totp(secret_base32: str, at: float) -> str:
    """Return the RFC 6238 code (SHA-1, 30 s, 6 digits) of a base32 secret at Unix time ``at``."""
    key = base64.b32decode(secret_base32 + "=" * (-len(secret_base32) % 8))
    digest = hmac.new(key, int(at // 30).to_bytes(8, "big"), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    return f"{(int.from_bytes(digest[offset : offset + 4], 'big') & 0x7FFFFFFF) % 1_000_000:06d}"


def test_the_personal_data_roles_are_the_five_of_the_issue() -> None:
    assert {R.ADMINISTRATOR, R.HR_HEAD, R.HR_INSPECTOR, R.DIRECTOR, R.AUDITOR} == PERSONAL_DATA_ROLES


@pytest.mark.usefixtures("required")
def test_a_personal_data_role_is_sent_to_the_set_up_from_every_page(personas, world) -> None:  # noqa: F811
    setup = reverse("two_factor_setup")
    failures = []
    for role in PERSONAL_DATA_ROLES:
        for name, (url, _is_object) in world.items():
            if name in OPEN_BEFORE_SECOND_FACTOR:
                continue
            response = personas[role].client.get(url)
            if response.status_code != 302 or not response["Location"].startswith(setup):
                failures.append(f"{name} as {role}: {response.status_code} {response.get('Location')}")
    assert not failures, "\n".join(failures)


@pytest.mark.usefixtures("required")
def test_other_roles_are_not_asked_for_a_second_factor(personas) -> None:
    for role in set(R) - PERSONAL_DATA_ROLES:
        response = personas[role].client.get(reverse("profile"))
        assert response.status_code == 200, role


@pytest.mark.usefixtures("required")
def test_a_user_with_any_personal_data_membership_is_asked(personas, other_school) -> None:
    teacher = personas[R.TEACHER]
    MembershipFactory(user=teacher.user, organisation=other_school, role=R.HR_INSPECTOR)

    assert teacher.client.get(reverse("profile")).status_code == 302


@pytest.mark.usefixtures("required")
def test_htmx_requests_are_redirected_by_the_browser(hr_inspector) -> None:
    response = hr_inspector.client.get(reverse("employee_list"), headers={"HX-Request": "true"})

    assert response["HX-Redirect"].startswith(reverse("two_factor_setup"))


@pytest.mark.usefixtures("required")
def test_the_api_with_a_bearer_token_is_not_affected(hr_inspector) -> None:
    _token, secret = create_api_token(actor=hr_inspector.user, membership=hr_inspector.membership, name="1С")

    assert Api(secret).get("/employees").status_code == 200


def test_not_required_when_the_setting_is_off(hr_inspector) -> None:
    assert hr_inspector.client.get(reverse("employee_list")).status_code == 200


@pytest.mark.usefixtures("required")
def test_full_flow_set_up_codes_verification_and_one_time_recovery_codes() -> None:
    MembershipFactory(user=UserFactory(username="inspector"), role=R.HR_INSPECTOR)
    client = Client()
    start = dt.datetime(2026, 11, 2, 9, 0, 5, tzinfo=dt.UTC)
    with time_machine.travel(start, tick=False) as traveller:
        # 1. The password, then the set-up page with its QR code drawn here.
        response = client.post(reverse("login"), {"username": "inspector", "password": "password"}, follow=True)
        assert response.redirect_chain[-1][0].startswith(reverse("two_factor_setup"))
        page = response.content.decode()
        assert "<svg" in page and "QR-код" in page
        assert "<script" not in page.split("<main")[1]
        secret = _secret(page).replace(" ", "")

        # 2. A wrong code is refused; the code of the phone turns the second factor on, with 10 codes.
        assert client.post(reverse("two_factor_setup"), {"code": "000000"}).status_code == 400
        response = client.post(reverse("two_factor_setup"), {"code": totp(secret, start.timestamp())})
        assert response.status_code == 200
        codes = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", response.content.decode())
        assert len(codes) == 10
        assert client.get(reverse("employee_list")).status_code == 200

        # 3. The next log-in asks for the code; the app's next code lets the user in.
        client.post(reverse("logout"))
        traveller.shift(dt.timedelta(seconds=30))
        response = client.post(reverse("login"), {"username": "inspector", "password": "password"}, follow=True)
        assert response.redirect_chain[-1][0].startswith(reverse("two_factor_verify"))
        assert client.get(reverse("employee_list"))["Location"].startswith(reverse("two_factor_verify"))
        response = client.post(
            reverse("two_factor_verify"),
            {"code": totp(secret, start.timestamp() + 30), "next": reverse("employee_list")},
        )
        assert response["Location"] == reverse("employee_list")
        assert client.get(reverse("employee_list")).status_code == 200

        # 4. A recovery code works once.
        for attempt in range(2):
            client.post(reverse("logout"))
            traveller.shift(dt.timedelta(minutes=1))
            client.post(reverse("login"), {"username": "inspector", "password": "password"})
            response = client.post(reverse("two_factor_verify"), {"code": codes[0].upper()})
            if attempt == 0:
                assert response.status_code == 302
                assert client.get(reverse("employee_list")).status_code == 200
            else:
                assert response.status_code == 400
                assert "Код не подошёл" in response.content.decode()
    assert StaticToken.objects.count() == 9
    kinds = set(SecurityEvent.objects.values_list("kind", flat=True))
    assert {Kind.OTP_ENABLED, Kind.OTP_VERIFIED, Kind.RECOVERY_CODE_USED, Kind.OTP_FAILED} <= kinds


@pytest.mark.usefixtures("required")
def test_codes_can_be_reissued_and_the_device_reset_only_after_verification(hr_inspector, settings) -> None:
    client = hr_inspector.client
    page = client.get(reverse("two_factor_setup")).content.decode()
    secret = _secret(page).replace(" ", "")
    client.post(reverse("two_factor_setup"), {"code": totp(secret, time.time())})
    first = set(StaticToken.objects.values_list("token", flat=True))

    response = client.post(reverse("two_factor_codes"))
    assert response.status_code == 200
    second = set(StaticToken.objects.values_list("token", flat=True))
    assert len(second) == 10 and not first & second

    # Another session of the same user that has only the password cannot change the second factor.
    stranger = Client()
    stranger.force_login(hr_inspector.user)
    assert stranger.post(reverse("two_factor_reset")).status_code == 302  # to verification
    # Even where the second factor is not required, and in a session that does not know of it.
    settings.KADRY_REQUIRE_2FA = False
    session = stranger.session
    del session[HAS_SECOND_FACTOR_KEY]
    session.save()
    assert stranger.post(reverse("two_factor_reset")).status_code == 404
    assert stranger.post(reverse("two_factor_codes")).status_code == 404
    assert StaticToken.objects.filter(token__in=second).count() == 10
    settings.KADRY_REQUIRE_2FA = True

    response = client.post(reverse("two_factor_reset"))
    assert response["Location"] == reverse("two_factor_setup")
    assert not StaticToken.objects.exists()
    assert client.get(reverse("employee_list"))["Location"].startswith(reverse("two_factor_setup"))


def test_a_second_factor_set_up_voluntarily_is_asked_for_at_log_in(class_teacher) -> None:
    page = class_teacher.client.get(reverse("two_factor_setup")).content.decode()
    secret = _secret(page).replace(" ", "")
    class_teacher.client.post(reverse("two_factor_setup"), {"code": totp(secret, time.time())})

    client = Client()
    client.post(reverse("login"), {"username": "class_teacher", "password": "password"})

    assert client.get(reverse("profile"))["Location"].startswith(reverse("two_factor_verify"))


def _secret(page: str) -> str:
    """Return the key the set-up page shows (grouped by fours)."""
    found = re.search(r'<code class="secret">([A-Z2-7 ]+)</code>', page)
    assert found is not None, "no key on the page"
    return found.group(1)
