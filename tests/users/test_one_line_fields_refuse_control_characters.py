"""Names and other one-line fields refuse line breaks and control characters, on
every way in (pages, API, sign-up, admin models, bank files), so no name can split an
e-mail header; a name saved before the rule no longer stops the e-mail either."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from core.errors import ApplicationError
from interviews.services.formats import format_create
from interviews.services.sessions import session_schedule
from questions.importers import ImportRefused, import_path
from questions.models import QuestionList
from questions.services import asked_report_create, list_create
from tests.interviews.sessions_support import builtin
from tests.questions.factories import CompanyFactory, QuestionFactory
from users.models import User

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]

HEADER_INJECTION = "Mal\r\nBcc: victim@example.org"
MESSAGE = "Use one line of plain text: no line breaks, tabs or control characters."


def test_the_profile_page_refuses_a_name_with_a_line_break(client, alice):
    client.force_login(alice)

    response = client.post(
        "/me/",
        {"display_name": HEADER_INJECTION, "time_zone": "UTC", "reminder_offsets": []},
    )

    assert response.status_code == 200
    assert MESSAGE in response.content.decode()
    alice.refresh_from_db()
    assert alice.display_name == "Alice"


def test_the_api_refuses_a_name_with_a_control_character(client, alice):
    client.force_login(alice)

    response = client.put(
        "/api/me/",
        {"display_name": "Al\x07ice", "time_zone": "UTC", "reminder_offsets": [15]},
        content_type="application/json",
    )

    assert response.status_code == 400
    assert response.json()["display_name"] == [MESSAGE]


def test_sign_up_refuses_a_name_with_a_line_break(client):
    response = client.post(
        "/accounts/signup/",
        {
            "email": "mal@example.org",
            "password1": "a-long-enough-pass-9",
            "password2": "a-long-enough-pass-9",
            "display_name": HEADER_INJECTION,
            "time_zone": "UTC",
        },
    )

    assert MESSAGE in response.content.decode()
    assert not User.objects.filter(email="mal@example.org").exists()


def test_the_model_refuses_it_so_the_admin_does_too(alice):
    alice.display_name = HEADER_INJECTION

    with pytest.raises(ValidationError) as error:
        alice.full_clean()

    assert error.value.message_dict["display_name"] == [MESSAGE]


@pytest.mark.parametrize(
    "make",
    [
        lambda user: list_create(owner=user, name="Graphs\nBcc: x@example.org"),
        lambda user: format_create(
            owner=user,
            name="My\rformat",
            segments=[{"kind": "coding", "minutes": 30, "questions": 1}],
        ),
    ],
    ids=["list name", "format name"],
)
def test_services_refuse_names_with_control_characters(alice, make):
    with pytest.raises(ApplicationError, match="Use one line of plain text"):
        make(alice)


def test_a_report_level_with_a_tab_is_refused(alice):
    CompanyFactory(slug="meta")
    QuestionFactory(slug="merge-intervals")

    with pytest.raises(ApplicationError, match="Use one line of plain text"):
        asked_report_create(
            reporter=alice,
            question_slug="merge-intervals",
            company_slug="meta",
            asked_on=timezone.localdate(),
            round_kind="coding",
            level="E5\tsenior",
        )


def test_a_bank_title_with_a_line_break_is_refused_with_its_line(tmp_path):
    path = tmp_path / "bank.yaml"
    path.write_text(
        "format: mockloop-bank/1\n"
        "questions:\n"
        "  - slug: two-sum\n"
        '    title: "Two sum\\nBcc: x@example.org"\n'
        "    kind: coding\n"
        "    statement: Add two numbers.\n"
    )

    with pytest.raises(ImportRefused) as refused:
        import_path(path)

    assert refused.value.line == 4
    assert "'title' must be one line" in refused.value.problem


def test_an_invitation_from_a_name_saved_before_the_rule_is_still_sent(
    alice, bob, django_capture_on_commit_callbacks, settings
):
    from config.celery import app as celery_app

    User.objects.filter(pk=alice.pk).update(display_name=HEADER_INJECTION)
    alice.refresh_from_db()
    celery_app.conf.task_always_eager = True
    try:
        with django_capture_on_commit_callbacks(execute=True):
            session_schedule(
                host=alice,
                partner=bob,
                format=builtin(),
                starts_at=timezone.now() + timedelta(days=2),
            )
    finally:
        celery_app.conf.task_always_eager = False

    (message,) = mail.outbox
    assert message.subject.startswith("[Mockloop] Mal Bcc: victim@example.org invited")
    assert message.bcc == []
    assert message.message()["Bcc"] is None


def test_a_list_description_has_a_limit(alice):
    with pytest.raises(ApplicationError, match="under 2000 characters"):
        list_create(owner=alice, name="Long", description="x" * 2001)
    assert not QuestionList.objects.exists()
