"""Deleting an account, after the password is given again: a wrong password changes
nothing; the right one takes the person's account and personal data in one
transaction, cancels the sessions still to come with the usual e-mails (naming them
"a former member"), and keeps their partner's history honest: rounds, pads and the
feedback the partner gave and received stay. Afterwards the whole database dump
holds neither their e-mail address nor their name."""

import sqlite3
import subprocess
from datetime import timedelta

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
from django.utils import timezone
from pycrdt import Doc, Text

from career.models import BragEntry, Story
from core.errors import ApplicationError
from feedback.models import Scorecard, SelfAssessment
from interviews.models import MockSession, SessionStatus
from mydata.models import DataExport
from mydata.services.deletion import account_delete
from notifications.models import Message, Notification
from practice.services.solo import solo_practice_start
from questions.models import Progress, QuestionList
from questions.services.progress import attempt_log
from rooms.models import Pad, PadKind, PadUpdate
from rooms.services.pads import pad_text, round_pads_ensure
from tests.factories import UserFactory
from tests.feedback.support import (
    finished_session,
    rounds_of,
    write_scorecard,
    write_self_assessment,
)
from tests.interviews.sessions_support import book
from tests.questions.factories import QuestionFactory
from users.models import User

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.embedded]

NAME, EMAIL = "Zelda Quixotic", "zelda.quixotic@example.com"


def database_dump() -> str:
    database = settings.DATABASES["default"]
    if connection.vendor == "postgresql":
        dumped = subprocess.run(
            [
                "pg_dump",
                f"--host={database['HOST']}",
                f"--port={database['PORT']}",
                f"--username={database['USER']}",
                database["NAME"],
            ],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        # pg_dump marks each dump with a random \restrict key: not data.
        return "\n".join(
            line for line in dumped.splitlines() if not line.startswith("\\")
        )
    with sqlite3.connect(database["NAME"]) as raw:
        return "\n".join(raw.iterdump())


def type_in(pad: Pad, author, text: str) -> None:
    doc = Doc()
    field = doc.get("pad", type=Text)
    field += text
    PadUpdate.objects.create(pad=pad, data=doc.get_update(), author=author)


@pytest.fixture
def zelda(password):
    return UserFactory(email=EMAIL, display_name=NAME, password=password)


@pytest.fixture
def shared_history(zelda, password):
    """Zelda and Bob held a swap mock (feedback both ways, a pad, Zelda's notes),
    booked another for next week, and Zelda keeps her own progress, list, story,
    brag entry and a solo practice."""
    bob = UserFactory(email="bob@example.com", display_name="Bob", password=password)
    held = finished_session(host=zelda, partner=bob)
    first, second = rounds_of(held)  # Zelda interviews Bob, then Bob interviews her
    write_scorecard(first, 3)
    Scorecard.objects.filter(round=first).update(
        strengths=f"{NAME} asked sharp questions? No: Bob's plan was clear."
    )
    about_zelda = write_scorecard(second, 2)
    Scorecard.objects.filter(pk=about_zelda.pk).update(
        improvements=f"Zelda should test edge cases ({EMAIL} asked for this note)."
    )
    write_self_assessment(second, 3)
    pads = round_pads_ensure(round_=first)
    type_in(pads[PadKind.SHARED], bob, "def merge(bookings): pass\n")
    type_in(pads[PadKind.NOTES], zelda, "Bob hesitated on the sort.\n")
    coming = book(
        host=zelda,
        partner=bob,
        host_role="interviewer",
        starts_at=timezone.now() + timedelta(days=7),
    )
    question = QuestionFactory(title="Merge the bookings")
    attempt_log(user=zelda, question=question, outcome="solved", rating=3)
    QuestionList.objects.create(slug="mine", name=f"{NAME}'s list", owner=zelda)
    Story.objects.create(
        owner=zelda,
        title="The migration",
        situation="s",
        task="t",
        action="a",
        result="r",
    )
    BragEntry.objects.create(owner=zelda, what="Shipped", day=timezone.localdate())
    solo_practice_start(user=zelda, question=question)
    Notification.objects.create(user=bob, text=f"{NAME} invited you", url="/")
    archive = default_storage.save("exports/zelda.zip", ContentFile(b"PK"))
    DataExport.objects.create(user=zelda, status="ready", file_name=archive)
    return bob, held, coming, pads[PadKind.SHARED]


def test_a_wrong_password_changes_nothing(zelda, shared_history):
    before = database_dump()

    with pytest.raises(ApplicationError, match="not your password"):
        account_delete(user=zelda, password="not-it")

    assert database_dump() == before
    assert User.objects.get(pk=zelda.pk).email == EMAIL


def test_the_account_goes_and_nothing_names_them_afterwards(
    zelda, shared_history, password
):
    bob, held, coming, shared_pad = shared_history
    pad_before = pad_text(pad_id=shared_pad.pk)

    account_delete(user=zelda, password=password)

    dump = database_dump().lower()
    for word in (EMAIL, "zelda", "quixotic"):
        assert word not in dump, word
    # Theirs alone: gone.
    assert not Progress.objects.filter(user=zelda).exists()
    assert not QuestionList.objects.filter(owner=zelda).exists()
    assert not Story.objects.exists() and not BragEntry.objects.exists()
    assert not SelfAssessment.objects.filter(author=zelda).exists()
    assert not Pad.objects.filter(kind=PadKind.NOTES).exists()
    assert not MockSession.objects.filter(is_solo=True).exists()
    assert not DataExport.objects.exists()
    assert not default_storage.exists("exports/zelda.zip")
    tombstone = User.objects.get(pk=zelda.pk)
    assert tombstone.name == "A former member"
    assert not tombstone.is_active and not tombstone.has_usable_password()
    # Bob's history stays: the held rounds, the pad, feedback both ways.
    assert held.rounds.count() == 2
    assert pad_text(pad_id=shared_pad.pk) == pad_before
    assert Scorecard.objects.filter(subject=bob).exists()
    assert Scorecard.objects.filter(author=bob).exists()
    # The session to come is cancelled, and Bob is told by "a former member".
    coming.refresh_from_db()
    assert coming.status == SessionStatus.CANCELLED
    told = Message.objects.filter(to=bob.email, topic__contains="cancel").first()
    assert told is not None
    assert "A former member cancelled" in told.body


def test_bobs_pages_show_a_former_member(zelda, shared_history, password, client):
    bob, held, _, _ = shared_history
    account_delete(user=zelda, password=password)
    client.force_login(bob)

    page = client.get(f"/sessions/{held.pk}/").content.decode()

    assert "A former member" in page
    assert NAME not in page and EMAIL not in page
