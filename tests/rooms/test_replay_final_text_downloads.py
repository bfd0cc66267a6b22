"""The pad's text as the round ended downloads as a file named for the round and
its language, for the round's people once it is over, and for nobody else."""

from datetime import timedelta

import pytest
from django.urls import reverse
from pycrdt import Doc, Text

from rooms.models import Pad, PadKind, PadUpdate
from rooms.selectors.replay import EXTENSIONS
from rooms.services.pads import LANGUAGES, round_pads_ensure
from tests.factories import UserFactory
from tests.feedback.support import finished_session, rounds_of

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]

TEXT = "def merge(bookings):\n    return sorted(bookings)  # tri à bulles ✓\n"


@pytest.fixture
def round_(alice, bob):
    first = rounds_of(finished_session(host=alice, partner=bob))[0]
    pad = round_pads_ensure(round_=first)[PadKind.SHARED]
    doc = Doc()
    doc["pad"] = Text()
    doc["pad"] += TEXT
    PadUpdate.objects.create(pad=pad, data=doc.get_update(), author=alice)
    Pad.objects.filter(pk=pad.pk).update(language="python", log_bytes=1)
    return first


def url_of(round_) -> str:
    return reverse("round-replay-download", args=[round_.session_id, round_.order])


def test_the_final_text_downloads_as_a_file_of_its_language(client, round_, bob):
    client.force_login(bob)
    response = client.get(url_of(round_))

    assert response.status_code == 200
    assert response.content.decode() == TEXT
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    name = f"session-{round_.session_id}-round-1-pad.py"
    assert response["Content-Disposition"] == f'attachment; filename="{name}"'


def test_the_replay_page_links_to_it(client, round_, alice):
    client.force_login(alice)
    page = client.get(reverse("round-replay", args=[round_.session_id, 0]))

    assert f'href="{url_of(round_)}"' in page.content.decode()


def test_plain_text_is_a_txt_and_every_language_has_an_extension(client, round_, alice):
    Pad.objects.filter(round=round_, kind=PadKind.SHARED).update(language="plain")
    client.force_login(alice)

    disposition = client.get(url_of(round_))["Content-Disposition"]

    assert disposition.endswith('-round-1-pad.txt"')
    assert set(EXTENSIONS) == set(LANGUAGES)


def test_a_stranger_and_anyone_before_the_end_get_nothing(client, round_, alice):
    client.force_login(UserFactory())
    assert client.get(url_of(round_)).status_code == 404

    round_.ended_at = None
    round_.save()
    round_.session.__class__.objects.filter(pk=round_.session_id).update(
        ends_at=round_.started_at + timedelta(days=3)
    )
    client.force_login(alice)
    assert client.get(url_of(round_)).status_code == 404


def test_nobody_signed_in_is_sent_to_log_in(client, round_):
    response = client.get(url_of(round_))

    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
