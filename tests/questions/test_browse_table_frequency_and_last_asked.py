"""The question table shows each frequency as a score out of 100 with the company
and window it comes from and, on hover, what it means (a relative score, not a
count); and "last
asked" where the data knows it, from the companies filtered on only: a day when a
report or tag gives one, else the most recent window a list put the question in."""

import re
from datetime import date
from html import unescape

import pytest

from questions.models import Window
from tests.questions.factories import CompanyFactory, CompanyTagFactory, QuestionFactory

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]


def rows(client, query: str) -> dict[str, tuple[str, str]]:
    """Title -> (frequency cell, last-asked cell), as text."""
    html = client.get(f"/questions/{query}").content.decode()
    table = {}
    for row in re.findall(r"<tr>(.*?)</tr>", html, flags=re.S)[1:]:
        title = re.search(r'<a href="/questions/[^"]+/">([^<]+)</a>', row).group(1)
        frequency = re.search(r'data-testid="frequency">(.*?)</td>', row, re.S)
        last = re.search(r'data-testid="last-asked">(.*?)</td>', row, re.S)
        text = [
            unescape(re.sub(r"<[^>]+>", " ", cell.group(1)))
            for cell in (frequency, last)
        ]
        table[title] = tuple(" ".join(part.split()) for part in text)
    return table


@pytest.fixture
def bank(db):
    meta = CompanyFactory(name="Meta", slug="meta")
    google = CompanyFactory(name="Google", slug="google")
    dated = QuestionFactory(title="Dated at Google")
    CompanyTagFactory(
        question=dated,
        company=google,
        window=Window.MONTHS_6,
        frequency=80,
        last_seen_on=date(2025, 1, 10),
    )
    CompanyTagFactory(
        question=dated, company=meta, window=Window.MONTHS_6, frequency=42.4
    )
    recent = QuestionFactory(title="Recent at Meta")
    CompanyTagFactory(
        question=recent, company=meta, window=Window.DAYS_30, frequency=100
    )
    CompanyTagFactory(question=recent, company=meta, window=Window.ALL, frequency=90)
    QuestionFactory(title="Never tagged")
    return meta, google


def test_frequency_shows_as_a_number_with_its_meaning(client, alice, bank):
    client.force_login(alice)

    table = rows(client, "?company=meta")

    assert table["Dated at Google"][0] == "42 /100 Meta · last 6 months"
    assert table["Recent at Meta"][0] == "100 /100 Meta · last 30 days"
    html = unescape(client.get("/questions/?company=meta").content.decode())
    assert (
        "Frequency score 42 out of 100 at Meta, last 6 months: 100 is the question "
        "Meta asked most often in that window, per the list it comes from. "
        "A relative score, not a count of interviews."
    ) in html
    # Without a company filter the highest tag speaks, with its company.
    assert rows(client, "")["Dated at Google"][0] == "80 /100 Google · last 6 months"


def test_last_asked_comes_from_the_companies_filtered_on(client, alice, bank):
    client.force_login(alice)

    under_meta = rows(client, "?company=meta")
    under_google = rows(client, "?company=google")
    anywhere = rows(client, "")

    # Google's report date never shows under Meta: Meta's list only knows the window.
    assert under_meta["Dated at Google"][1] == "last 6 months"
    assert under_google["Dated at Google"][1] == "Jan 2025"
    assert anywhere["Dated at Google"][1] == "Jan 2025"
    # The most recent window wins; "all time" says nothing about when.
    assert under_meta["Recent at Meta"][1] == "last 30 days"
    assert anywhere["Never tagged"][1] == "—"


def test_a_window_filter_reads_that_window_only(client, alice, bank):
    client.force_login(alice)

    assert rows(client, "?window=6m")["Dated at Google"][1] == "Jan 2025"
    assert rows(client, "?company=meta&window=all")["Recent at Meta"][1] == "—"
