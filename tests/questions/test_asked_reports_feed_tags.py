"""“Asked at” reports: a signed-in person reports that a company asked a question; the
report feeds the company tags with Mockloop as their source. A day in the future is
refused and writes nothing."""

import datetime as dt

import pytest
import time_machine

from core.errors import ApplicationError
from questions.models import AskedReport, CompanyTag, Question, Source, Window
from questions.services import asked_report_create
from tests.factories import UserFactory
from tests.questions.factories import CompanyFactory, QuestionFactory

pytestmark = pytest.mark.django_db

NOON_15_MAY = dt.datetime(2026, 5, 15, 12, 0, tzinfo=dt.UTC)
TODAY = NOON_15_MAY.date()


@pytest.fixture(autouse=True)
def frozen_time():
    with time_machine.travel(NOON_15_MAY, tick=False):
        yield


@pytest.fixture
def meta():
    return CompanyFactory(name="Meta", slug="meta")


@pytest.fixture
def question():
    return QuestionFactory(title="Merge intervals", slug="merge-intervals")


def report(reporter, *, days_ago=0, company="meta", question="merge-intervals"):
    return asked_report_create(
        reporter=reporter,
        question_slug=question,
        company_slug=company,
        asked_on=TODAY - dt.timedelta(days=days_ago),
        round_kind="coding",
        level="E5",
    )


def tags(question):
    return {
        tag.window: tag
        for tag in CompanyTag.objects.filter(question=question).select_related("source")
    }


def test_a_report_from_last_week_counts_in_every_recent_window(alice, meta, question):
    report(alice, days_ago=7)

    found = tags(question)
    assert set(found) == {Window.DAYS_30, Window.MONTHS_3, Window.MONTHS_6, Window.ALL}
    assert {tag.source.name for tag in found.values()} == {"Mockloop reports"}
    assert found[Window.DAYS_30].last_seen_on == TODAY - dt.timedelta(days=7)
    question.refresh_from_db()
    assert question.last_asked_on == TODAY - dt.timedelta(days=7)


def test_a_report_from_last_year_counts_as_older(alice, meta, question):
    report(alice, days_ago=400)

    assert set(tags(question)) == {Window.OLDER, Window.ALL}


def test_more_people_reporting_raise_the_frequency_but_one_person_counts_once(
    alice, bob, meta, question
):
    report(alice, days_ago=3)
    report(alice, days_ago=40)
    assert tags(question)[Window.ALL].frequency == 20

    report(bob, days_ago=1)
    for _ in range(4):
        report(UserFactory(), days_ago=2)

    found = tags(question)
    assert found[Window.DAYS_30].frequency == 100
    assert found[Window.MONTHS_3].frequency == 100
    assert found[Window.DAYS_30].last_seen_on == TODAY - dt.timedelta(days=1)


def test_last_asked_on_keeps_the_latest_day(alice, bob, meta, question):
    report(alice, days_ago=2)
    report(bob, days_ago=90)

    question.refresh_from_db()
    assert question.last_asked_on == TODAY - dt.timedelta(days=2)


def test_an_imported_tag_keeps_its_figure_and_learns_the_day(alice, meta, question):
    community = Source.objects.create(slug="community", name="Community list")
    CompanyTag.objects.create(
        question=question,
        company=meta,
        window=Window.MONTHS_6,
        frequency=64.0,
        source=community,
    )
    CompanyTag.objects.create(
        question=question,
        company=meta,
        window=Window.ALL,
        frequency=90.0,
        is_sample=True,
    )

    report(alice, days_ago=10)

    found = tags(question)
    assert found[Window.MONTHS_6].frequency == 64.0
    assert found[Window.MONTHS_6].source == community
    assert found[Window.MONTHS_6].last_seen_on == TODAY - dt.timedelta(days=10)
    assert found[Window.ALL].is_sample is False
    assert found[Window.ALL].source.name == "Mockloop reports"
    assert found[Window.ALL].frequency == 20


def test_a_report_for_tomorrow_is_refused_and_writes_nothing(alice, meta, question):
    with pytest.raises(ApplicationError, match="in the future") as refused:
        report(alice, days_ago=-1)

    assert refused.value.field == "asked_on"
    assert not AskedReport.objects.exists()
    assert not CompanyTag.objects.exists()
    assert not Source.objects.filter(slug="mockloop-reports").exists()
    assert Question.objects.get(pk=question.pk).last_asked_on is None


def test_today_is_the_reporters_own_today(meta, question):
    # At noon UTC on 15 May it is already 16 May in Kiritimati (UTC+14), and 16 May
    # is still the future in New York.
    islander = UserFactory(time_zone="Pacific/Kiritimati")
    new_yorker = UserFactory(time_zone="America/New_York")

    report(islander, days_ago=-1)
    with pytest.raises(ApplicationError, match="in the future"):
        report(new_yorker, days_ago=-1)

    assert AskedReport.objects.get().reporter == islander


def test_the_page_form_refuses_a_future_date_with_a_message(
    client, alice, meta, question
):
    client.force_login(alice)

    response = client.post(
        "/questions/merge-intervals/report/",
        {"company": "meta", "asked_on": "2026-06-01", "round_kind": "coding"},
        follow=True,
    )

    assert response.redirect_chain[-1][0] == "/questions/merge-intervals/"
    assert "1 Jun 2026 is in the future" in response.content.decode()
    assert not AskedReport.objects.exists()


def test_the_page_form_records_a_report(client, alice, meta, question):
    client.force_login(alice)

    page = client.post(
        "/questions/merge-intervals/report/",
        {
            "company": "meta",
            "asked_on": "2026-05-01",
            "round_kind": "coding",
            "level": "E4",
        },
        follow=True,
    ).content.decode()

    assert "Meta asking this is now on record" in page
    saved = AskedReport.objects.get()
    assert (saved.reporter, saved.level, saved.asked_on) == (
        alice,
        "E4",
        dt.date(2026, 5, 1),
    )


def test_the_same_report_twice_is_refused(alice, meta, question):
    report(alice, days_ago=3)

    with pytest.raises(ApplicationError, match="already reported"):
        report(alice, days_ago=3)

    assert AskedReport.objects.count() == 1


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"company": "initech"}, "company"),
        ({"question": "no-such-question"}, "question"),
        ({"asked_on": "2026-05-16"}, "asked_on"),
        ({"round_kind": "poetry"}, "round_kind"),
        ({"level": "x" * 41}, "level"),
    ],
)
def test_the_api_refuses_bad_reports_naming_the_field(
    client, alice, meta, question, changes, field
):
    client.force_login(alice)
    body = {
        "question": "merge-intervals",
        "company": "meta",
        "asked_on": "2026-05-10",
        "round_kind": "coding",
        **changes,
    }

    response = client.post("/api/reports/", body, content_type="application/json")

    assert response.status_code == 400
    answer = response.json()
    assert answer.get("field") == field or field in answer
    assert not AskedReport.objects.exists()
    assert not CompanyTag.objects.exists()


def test_the_api_records_a_report(client, alice, meta, question):
    client.force_login(alice)

    response = client.post(
        "/api/reports/",
        {
            "question": "merge-intervals",
            "company": "meta",
            "asked_on": "2026-05-10",
            "round_kind": "coding",
            "level": "L5",
        },
        content_type="application/json",
    )

    assert response.status_code == 201
    assert response.json()["company"] == "meta"
    assert tags(question)[Window.DAYS_30].frequency == 20


def test_a_new_report_moves_older_reports_out_of_windows_they_have_left(
    alice, bob, meta, question
):
    report(alice, days_ago=25)
    assert tags(question)[Window.DAYS_30].frequency == 20

    with time_machine.travel(NOON_15_MAY + dt.timedelta(days=10), tick=False):
        report(bob, days_ago=100)

    found = tags(question)
    assert Window.DAYS_30 not in found
    assert found[Window.MONTHS_3].frequency == 20
    assert found[Window.MONTHS_6].frequency == 40
