"""Every page with a table fits a 390 px phone in a real Chromium, for someone with
data on it: the page itself never scrolls sideways, and each table sits in its own
box (a focusable, named region) which scrolls instead when the table is wider than
the screen."""

from datetime import timedelta

import pytest
from django.utils import timezone

from notifications.models import Message
from questions.importers.report import ImportReport, Skip
from questions.models import CompanyTag, ImportRun
from questions.services import attempt_log, progress_mark_for_review
from questions.services.lists import list_add_question, list_create
from tests.browser.people import session_cookie_add
from tests.feedback.support import (
    finished_session,
    rounds_of,
    write_scorecard,
    write_self_assessment,
)
from tests.questions.factories import CompanyFactory, QuestionFactory
from users.models import User

pytestmark = [
    pytest.mark.browser,
    pytest.mark.embedded,
    pytest.mark.django_db(transaction=True),
]

PHONE = {"width": 390, "height": 844}
TITLES = [
    "Longest Substring Without Repeating Characters",
    "Serialize and Deserialize a Binary Tree",
    "Minimum Window Substring",
]
FILE = "Booking-Holdings/5. All.csv"

# Each table on the page: whether its box is a named, focusable region that stays
# within the screen, and whether the box (never the page) scrolls when it is wider.
TABLES = """() => [...document.querySelectorAll('table')]
  .filter(table => table.getClientRects().length)
  .map(table => {
    const box = table.parentElement;
    const rect = box.getBoundingClientRect();
    const wide = box.scrollWidth > box.clientWidth;
    if (wide) box.scrollLeft = box.scrollWidth;
    return {
      boxed: box.matches('.table-scroll[role=region][tabindex="0"][aria-label]')
        && getComputedStyle(box).overflowX === 'auto',
      inside: rect.left >= 0 && rect.right <= window.innerWidth,
      wide,
      scrolled: !wide || box.scrollLeft > 0,
    };
  })"""


def on_console(message, errors: list) -> None:
    # The admin's pages name no icon, so Chromium may ask for /favicon.ico (404).
    url = message.location.get("url", "")
    if message.type == "error" and not url.endswith("/favicon.ico"):
        errors.append(message.text)


@pytest.fixture
def alice_with_data(alice, bob):
    """Alice, staff too (the outbox and the import report), with mocks both ways
    and their feedback, questions practised, due and listed, a failed and a late
    message, and an import's report."""
    User.objects.filter(pk=alice.pk).update(is_staff=True, is_superuser=True)
    session = finished_session(host=alice, partner=bob)
    interviewing, interviewed = rounds_of(session)
    write_scorecard(interviewing, 3)
    write_self_assessment(interviewing, 2)
    write_scorecard(interviewed, 2, recommendation="no_hire")
    write_self_assessment(interviewed, 4)

    questions = [QuestionFactory(title=title) for title in TITLES]
    company = CompanyFactory(name="Booking Holdings International")
    for question in questions:
        CompanyTag.objects.create(
            question=question, company=company, window="6m", frequency=87
        )
        attempt_log(user=alice, question=question, outcome="solved", rating=3)
    progress_mark_for_review(user=alice, question=questions[0])
    practice = list_create(owner=alice, name="Sliding window practice")
    for question in questions:
        list_add_question(user=alice, question_list=practice, question=question)

    long_ago = timezone.now() - timedelta(hours=3)
    for failed in (False, True):
        Message.objects.create(
            topic="test",
            kind="session_reminder",
            user=bob,
            to="bartholomew.longname@example.com",
            subject="Reminder: Phone screen (E4/E5) with Alice starts in 15 minutes",
            due_at=long_ago,
            attempts=5 if failed else 2,
            failed_at=long_ago if failed else None,
            last_error="SMTPRecipientsRefused: {'bartholomew.longname@example.com': "
            "(550, b'5.1.1 mailbox unavailable')}"
            if failed
            else "",
        )
    report = ImportReport(
        files=[{"name": FILE, "format": "leetcode-company-wise", "rows": 120}],
        rows=120,
    )
    report.created["questions"] = 3
    report.skipped_rows.add(
        Skip(file=FILE, line=17, reason="unknown difficulty 'VERY HARD'.")
    )
    run = ImportRun.objects.create(
        filename="leetcode-company-wise-problems-2025.zip",
        status=ImportRun.Status.DONE,
        finished_at=timezone.now(),
        report=report.as_dict(),
    )
    return {
        "session": session,
        "rounds": (interviewing, interviewed),
        "question": questions[0],
        "list": practice,
        "run": run,
    }


def test_every_page_with_a_table_fits_a_phone_and_its_tables_scroll_in_their_box(
    browser, live_server, alice, alice_with_data
):
    data = alice_with_data
    interviewing, interviewed = data["rounds"]
    paths = [
        f"/sessions/{data['session'].pk}/",
        "/sessions/availability/",
        "/sessions/formats/",
        "/questions/",
        f"/questions/{data['question'].slug}/",
        "/questions/progress/",
        "/questions/due/",
        f"/questions/lists/{data['list'].pk}/",
        "/feedback/",
        f"/feedback/rounds/{interviewing.pk}/",
        f"/feedback/rounds/{interviewed.pk}/",
        "/feedback/given/",
        "/feedback/progress/",
        "/feedback/export/",
        "/notifications/",
        "/outbox/",
        f"/admin/questions/importrun/{data['run'].pk}/progress/",
    ]
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    errors = []
    page.on("console", lambda m: on_console(m, errors))
    page.on("pageerror", lambda error: errors.append(str(error)))
    session_cookie_add(context, live_server.url, alice)
    page.goto(f"{live_server.url}/")

    wrong, tables_seen, wide_seen = {}, 0, []
    for path in paths:
        response = page.goto(f"{live_server.url}{path}")
        assert response.ok, path
        # Tables folded in a <details> count too.
        page.evaluate(
            "() => document.querySelectorAll('details').forEach(d => {d.open = true})"
        )
        tables = page.evaluate(TABLES)
        tables_seen += len(tables)
        wide_seen += [path for each in tables if each["wide"]]
        page_width = page.evaluate("() => document.documentElement.scrollWidth")
        problems = [
            name
            for each in tables
            for name in ("boxed", "inside", "scrolled")
            if not each[name]
        ]
        if page_width > PHONE["width"] or page.evaluate("() => window.scrollX"):
            problems.append(f"page is {page_width} px wide")
        if problems:
            wrong[path] = problems
    assert wrong == {}
    # The data makes tables on these pages, and some are wider than a phone (so
    # their boxes were seen to scroll).
    assert tables_seen >= len(paths)
    assert {"/outbox/", "/feedback/given/"} <= set(wide_seen)
    assert errors == []
    context.close()
