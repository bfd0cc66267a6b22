"""Stories, brag entries, real interviews, stages and write-ups, from the API and
the pages: whatever comes in is saved whole or refused with a message (never a
server error), a refused request writes nothing, and NUL bytes, control
characters and over-long texts never reach the database; markup is shown as text."""

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rest_framework.test import APIClient

from career.models import BragEntry, InterviewStage, RealInterview, Story
from career.services.real import real_interview_create, stage_create
from core.validators import has_control_characters
from questions.models import AskedReport
from tests.career.support import behavioral_question, company
from tests.factories import UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]

FUZZ = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

texts = st.one_of(
    st.text(max_size=40),
    st.sampled_from(
        [
            "\x00",
            "a\x00b",
            "tab\there",
            "line\nbreak",
            "<script>x</script>",
            "x" * 6001,
            "ownership",
            "impact",
            "2026-01-05",
            "10:00",
            "Europe/Berlin",
            "coding",
            "http://example.com",
            "javascript:alert(1)",
            "acme",
            "star-question",
        ]
    ),
)
json_values = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(min_value=-(2**40), max_value=2**40),
        st.floats(allow_nan=False, allow_infinity=False),
        texts,
    ),
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(texts, children, max_size=3),
    ),
    max_leaves=6,
)


def bodies(*names):
    return st.fixed_dictionaries({}, optional={name: json_values for name in names})


@pytest.fixture
def ann(db):
    return UserFactory(time_zone="Europe/Berlin")


@pytest.fixture
def api(ann):
    client = APIClient()
    client.force_authenticate(ann)
    return client


@pytest.fixture
def bank(db):
    company()
    behavioral_question("A star question", "star-question")


def counts() -> dict:
    return {
        model.__name__: model.objects.count()
        for model in (Story, BragEntry, RealInterview, InterviewStage, AskedReport)
    }


def clean(row, *names) -> bool:
    for name in names:
        value = getattr(row, name)
        values = value if isinstance(value, list) else [value]
        for each in values:
            if isinstance(each, str) and (
                "\x00" in each or (has_control_characters(each) and name != "what")
            ):
                return False
    return True


def check(answer, before: dict, created: int = 201) -> bool:
    """True when saved; on a refusal, a message and nothing written."""
    assert answer.status_code in (created, 400), answer.content
    if answer.status_code == 400:
        assert answer.json()
        assert counts() == before
        return False
    return True


@FUZZ
@given(
    body=bodies(
        "title",
        "situation",
        "task",
        "action",
        "result",
        "reflection",
        "competencies",
        "questions",
    )
)
def test_any_story_is_saved_whole_or_refused(api, ann, bank, body):
    Story.objects.all().delete()
    before = counts()
    if check(api.post("/api/career/stories/", body, format="json"), before):
        story = Story.objects.get()
        assert clean(story, "title", "situation", "action", "result", "reflection")
        assert len(story.title) <= 200 and len(story.action) <= 5000


@FUZZ
@given(body=bodies("day", "what", "impact", "seen_by", "links"))
def test_any_brag_entry_is_saved_whole_or_refused(api, ann, body):
    BragEntry.objects.all().delete()
    before = counts()
    if check(api.post("/api/career/brag/", body, format="json"), before):
        entry = BragEntry.objects.get()
        assert clean(entry, "what", "impact", "seen_by", "links")
        assert all(link.startswith(("http://", "https://")) for link in entry.links)


@FUZZ
@given(
    loop=bodies("company", "company_name", "role", "level", "group", "notes"),
    stage=bodies("format", "date", "time", "time_zone", "outcome"),
)
def test_any_loop_and_stage_are_saved_whole_or_refused(api, ann, bank, loop, stage):
    RealInterview.objects.all().delete()
    before = counts()
    if not check(api.post("/api/career/interviews/", loop, format="json"), before):
        return
    interview = RealInterview.objects.get()
    assert clean(interview, "company_name", "role", "level", "group", "notes")
    before = counts()
    answer = api.post(
        f"/api/career/interviews/{interview.pk}/stages/", stage, format="json"
    )
    if check(answer, before):
        assert InterviewStage.objects.get().interview == interview


@FUZZ
@given(body=bodies("questions_asked", "self_ratings", "practise_next", "write_up"))
def test_any_write_up_is_saved_whole_or_refused(api, ann, bank, body):
    RealInterview.objects.all().delete()
    AskedReport.objects.all().delete()
    interview = real_interview_create(owner=ann, company_slug="acme")
    stage = stage_create(
        interview=interview,
        format="behavioral",
        day="2026-01-05",
        at="10:00",
        time_zone="UTC",
    )
    before = counts()
    answer = api.put(f"/api/career/stages/{stage.pk}/write-up/", body, format="json")
    if check(answer, before, created=200):
        stage.refresh_from_db()
        assert clean(stage, "write_up")
        assert all(1 <= score <= 4 for score in stage.self_ratings.values())
    else:
        stage.refresh_from_db()
        assert stage.written_up_at is None


def test_the_pages_refuse_with_a_message_and_show_markup_as_text(client, ann):
    client.force_login(ann)
    before = counts()
    for url, data in [
        (reverse("career-story-new"), {"title": "Fine", "action": "x" * 5001}),
        (reverse("career-story-new"), {"title": "Fine", "competencies": ["poetry"]}),
        (reverse("career-brag"), {"day": "2026-01-05", "what": "ok\x07"}),
        (
            reverse("career-brag"),
            {"day": "2026-01-05", "what": "ok", "links": "javascript:alert(1)"},
        ),
        (reverse("career-interviews"), {"company_name": "x" * 121}),
    ]:
        answer = client.post(url, data)
        assert answer.status_code == 400, (url, data)
        assert 'data-testid="form-error"' in answer.content.decode()
    # NUL never reaches a view: the middleware refuses it with its own page.
    answer = client.post(reverse("career-story-new"), {"title": "a\x00b"})
    assert answer.status_code == 400
    assert "Remove it and send the form again" in answer.content.decode()
    assert counts() == before

    client.post(reverse("career-story-new"), {"title": "<script>alert(1)</script>"})
    story = Story.objects.get()
    page = client.get(reverse("career-story", args=[story.pk])).content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
