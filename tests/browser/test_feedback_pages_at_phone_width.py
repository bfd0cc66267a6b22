"""The feedback pages on a phone (390×844) in a real Chromium: the progress page's
table scrolls inside its own box, so its Gap column can be brought into view while
the page itself never scrolls sideways; a criterion's note is a text area of a few
lines, which saves as a draft as it is typed, line breaks and all."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.people import session_cookie_add
from tests.feedback.support import (
    finished_session,
    rounds_of,
    write_scorecard,
    write_self_assessment,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.embedded,
    pytest.mark.django_db(transaction=True),
]

PHONE = {"width": 390, "height": 844}
PAGE_WIDTH = "() => document.documentElement.scrollWidth"
NOTE = "Asked about empty input first.\nThen wrote the loop."


@pytest.fixture
def phone(browser, live_server, alice):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    errors = []
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    page.on("pageerror", lambda error: errors.append(str(error)))
    session_cookie_add(context, live_server.url, alice)
    page.goto(f"{live_server.url}/")
    yield page
    assert errors == []
    context.close()


def test_the_progress_table_scrolls_in_its_box_and_the_page_does_not(
    phone, live_server, alice, bob
):
    # Bob interviewed Alice (the swap's second round): a scorecard and her own
    # ratings, so the table has its "You rated" and "Gap" columns filled.
    interviewed = rounds_of(finished_session(host=alice, partner=bob))[1]
    write_scorecard(interviewed, 2)
    write_self_assessment(interviewed, 4)

    phone.goto(f"{live_server.url}/feedback/progress/")
    phone.get_by_text("The numbers behind the charts").click()
    box = phone.get_by_test_id("progress-table-box")
    gap = phone.get_by_test_id("progress-table").get_by_role("columnheader", name="Gap")
    expect(gap).to_be_attached()
    expect(phone.get_by_test_id("progress-table")).to_contain_text("kinder than them")

    assert phone.evaluate(PAGE_WIDTH) <= PHONE["width"]
    assert box.evaluate("el => getComputedStyle(el).overflowX") == "auto"
    box_right = box.evaluate("el => el.getBoundingClientRect().right")
    assert box_right <= PHONE["width"]
    gap.scroll_into_view_if_needed()
    shown = gap.evaluate(
        """(th) => {
          const box = th.closest('[data-testid="progress-table-box"]');
          const outer = box.getBoundingClientRect(), cell = th.getBoundingClientRect();
          return {
            left: cell.left >= outer.left - 1,
            right: cell.right <= outer.right + 1,
            scrolled: box.scrollLeft,
          };
        }"""
    )
    assert shown["left"] and shown["right"], shown
    # The table is wider than a phone: the box scrolled to show the column.
    assert box.evaluate("el => el.scrollWidth > el.clientWidth")
    assert shown["scrolled"] > 0
    # Still only the box moved, never the page.
    assert phone.evaluate(PAGE_WIDTH) <= PHONE["width"]
    assert phone.evaluate("() => window.scrollX") == 0


def test_a_criterions_note_is_a_text_area_that_saves_as_it_is_typed(
    phone, live_server, alice, bob
):
    interviewing = rounds_of(finished_session(host=alice, partner=bob))[0]

    phone.goto(f"{live_server.url}/feedback/rounds/{interviewing.pk}/")
    note = phone.get_by_test_id("note-approach")
    expect(note).to_be_visible()
    assert note.evaluate("el => el.tagName") == "TEXTAREA"
    assert phone.locator("fieldset[data-criterion] input[name^=note-]").count() == 0
    assert note.evaluate("el => el.rows") >= 2
    assert phone.evaluate(PAGE_WIDTH) <= PHONE["width"]

    note.fill(NOTE)
    expect(phone.get_by_test_id("save-status")).to_have_text(
        re.compile(r"^Draft saved at")
    )
    phone.reload()
    expect(phone.get_by_test_id("note-approach")).to_have_value(NOTE)
