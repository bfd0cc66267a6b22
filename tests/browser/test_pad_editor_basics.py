"""The pad edits code as an editor does, in a real Chromium against the production
web server: Python indents by 4 spaces, Java too, a typed `}` goes back to its
block's indentation, brackets close themselves, Tab indents and Escape then Tab
leaves the pad; the partner's name shows beside their cursor when it moves, then
fades; and every syntax colour reads at 4.5:1 or more on the pad, light or dark."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser import test_live_room as live_room
from tests.browser.test_live_room import enter, pad_of

pytestmark = [
    pytest.mark.browser,
    pytest.mark.embedded,
    pytest.mark.django_db(transaction=True),
]

# The live room's two friends, Alice interviewing Bob, with its built-in formats.
builtin_formats = live_room.builtin_formats
mock = live_room.mock

# The pad's text, line by line, without the partners' carets (their names are text
# inside the line).
PAD_LINES = """() => [...document.querySelectorAll("[data-pad] .cm-line")].map((l) => {
  const copy = l.cloneNode(true);
  for (const caret of copy.querySelectorAll(".cm-ySelectionCaret")) caret.remove();
  return copy.textContent.replaceAll("\\u2060", "");
})"""

NAME_OPACITY_IS = """([name, opacity]) => {
  const info = [...document.querySelectorAll("[data-pad] .cm-ySelectionInfo")]
    .find((element) => element.textContent === name);
  return info && getComputedStyle(info).opacity === opacity;
}"""

PASTE = """(text) => {
  const data = new DataTransfer();
  data.setData("text/plain", text);
  const paste = { clipboardData: data, bubbles: true, cancelable: true };
  document
    .querySelector("[data-pad] .cm-content")
    .dispatchEvent(new ClipboardEvent("paste", paste));
}"""

# Every highlighted piece of code (CodeMirror wraps each token a highlight style
# colours in a span), with its colour; the pad's background; the active line's.
COLOURS = """() => {
  const content = document.querySelector("[data-pad] .cm-content");
  let backdrop = content;
  while (getComputedStyle(backdrop).backgroundColor === "rgba(0, 0, 0, 0)") {
    backdrop = backdrop.parentElement;
  }
  const spans = [...content.querySelectorAll(".cm-line span")].filter(
    (span) => !span.closest(".cm-ySelectionCaret, .cm-ySelection"),
  );
  const active = content.querySelector(".cm-activeLine");
  return {
    background: getComputedStyle(backdrop).backgroundColor,
    activeLine: getComputedStyle(active).backgroundColor,
    text: getComputedStyle(content).color,
    spans: spans.map((span) => [span.textContent, getComputedStyle(span).color]),
  };
}"""

JAVA = """// Bookings, merged.
import java.util.List;

public class Merge {
    /* The sweep. */
    static int merge(List<int[]> bookings, String label) {
        int count = 0x1F + 42 * 3;
        boolean seen = count >= 7 && label != null;
        double ratio = 2.5e3 / count;
        char mark = 'x';
        String text = "merged: " + label.trim();
        return seen ? count : -1;
    }
}
"""

PYTHON = """# Bookings, merged.
@dataclass
class Booking:
    start: int = 0

def merge(bookings: list[Booking]) -> list:
    \"\"\"The sweep.\"\"\"
    total = 3.5 + 0x1F * len(bookings) ** 2
    name = f"merged {total!r}" + 'x'
    return [b for b in sorted(bookings) if b.start >= total and not None]
"""


def channels(css: str) -> tuple[int, int, int]:
    red, green, blue = re.findall(r"[\d.]+", css)[:3]
    return int(float(red)), int(float(green)), int(float(blue))


def luminance(css: str) -> float:
    def linear(channel: int) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    red, green, blue = (linear(c) for c in channels(css))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast(a: str, b: str) -> float:
    lighter, darker = sorted((luminance(a), luminance(b)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def pad_lines(page):
    return page.evaluate(PAD_LINES)


def focus_in_pad(page) -> bool:
    return page.evaluate(
        "() => !!document.activeElement.closest('[data-pad] .cm-editor')"
    )


def choose_language(pages, language):
    """Chooses `language` on the first page and waits until every page's pad has
    its mode: until then, what is typed is laid out by the mode before. A choice
    made before the room's socket opens is not sent, as a person would see."""
    expect(pages[0].locator("[data-room]")).to_have_attribute("data-connected", "true")
    pages[0].locator("select[data-language]").select_option(language)
    for page in pages:
        expect(page.locator("select[data-language]")).to_have_value(language)
        expect(page.locator(".pad[data-pad]")).to_have_attribute("data-mode", language)


def clear_pad(page):
    pad_of(page).click()
    page.keyboard.press("Control+A")
    page.keyboard.press("Backspace")
    expect(page.locator("[data-pad] .cm-line")).to_have_count(1)


def type_until(page, text, token):
    """Types `text` and waits until the mode has highlighted `token`: the syntax
    tree lays out the next line."""
    page.keyboard.type(text)
    expect(pad_of(page).locator("span", has_text=token).first).to_be_visible()


def test_the_pad_indents_closes_brackets_and_names_the_partners_cursor(
    browser, server, mock
):
    session, alice, bob = mock
    room = f"{server.url}/sessions/{session.pk}/room/"
    alice_context, interviewer, alice_errors = enter(browser, server, alice)
    bob_context, candidate, bob_errors = enter(browser, server, bob)
    interviewer.goto(room)
    candidate.goto(room)
    expect(interviewer.get_by_test_id(f"presence-{bob.pk}")).to_have_class("here")
    interviewer.keyboard.press("Alt+KeyS")
    choose_language([interviewer, candidate], "python")

    # Python: 4 spaces after a colon; brackets close and are typed over.
    clear_pad(interviewer)
    type_until(interviewer, "def f():", "def")
    interviewer.keyboard.press("Enter")
    interviewer.keyboard.type("return max(")
    assert pad_lines(interviewer) == ["def f():", "    return max()"]
    interviewer.keyboard.type("a, [1")
    assert pad_lines(interviewer) == ["def f():", "    return max(a, [1])"]
    interviewer.keyboard.type("])")
    assert pad_lines(interviewer) == ["def f():", "    return max(a, [1])"]
    # Tab and Shift+Tab indent and dedent the line by the language's unit.
    interviewer.keyboard.press("Tab")
    assert pad_lines(interviewer)[1] == "        return max(a, [1])"
    interviewer.keyboard.press("Shift+Tab")
    assert pad_lines(interviewer)[1] == "    return max(a, [1])"
    # A keyboard user leaves the pad with Escape, then Tab; it says so.
    assert focus_in_pad(interviewer)
    interviewer.keyboard.press("Escape")
    interviewer.keyboard.press("Tab")
    assert not focus_in_pad(interviewer)
    assert pad_lines(interviewer)[1] == "    return max(a, [1])"
    expect(interviewer.locator("[data-pad] .pad-keys")).to_contain_text(
        "press Esc, then Tab"
    )
    described_by = pad_of(interviewer).get_attribute("aria-describedby")
    expect(interviewer.locator(f"#{described_by}")).to_contain_text("Tab indents")

    # Java, chosen on the pad: 4 spaces, and a `}` typed on an indented line goes
    # back to the indentation of the block it closes.
    choose_language([interviewer, candidate], "java")
    clear_pad(interviewer)
    type_until(interviewer, "class A {", "class")
    interviewer.keyboard.press("Enter")
    type_until(interviewer, "void f() {", "void")
    interviewer.keyboard.press("Enter")
    type_until(interviewer, "int x = 1;", "int")
    interviewer.keyboard.press("Enter")
    assert pad_lines(interviewer)[3] == "        "
    interviewer.keyboard.type("}")
    assert pad_lines(interviewer) == [
        "class A {",
        "    void f() {",
        "        int x = 1;",
        "    }",
        "    }",
        "}",
    ]

    # The partner's name shows beside their cursor as it moves, then fades.
    interviewer.mouse.move(0, 0)
    expect(pad_of(candidate)).to_contain_text("int x = 1;")
    pad_of(candidate).click()
    candidate.keyboard.press("Control+Home")
    candidate.keyboard.press("ArrowDown")
    interviewer.wait_for_function(NAME_OPACITY_IS, arg=["Bob", "1"], timeout=2000)
    interviewer.wait_for_function(NAME_OPACITY_IS, arg=["Bob", "0"], timeout=8000)
    # Moving again shows it again.
    candidate.keyboard.press("End")
    interviewer.wait_for_function(NAME_OPACITY_IS, arg=["Bob", "1"], timeout=2000)

    assert alice_errors == [] and bob_errors == []
    alice_context.close()
    bob_context.close()


def assert_readable(page, sample, tokens):
    """Every highlighted token of `sample` reads at 4.5:1 or more on the pad and
    on its active line; the tokens named are highlighted, in colours of their own."""
    if sample:
        page.evaluate(PASTE, sample)
    for token in tokens:
        expect(pad_of(page).locator("span", has_text=token).first).to_be_visible()
    seen = page.evaluate(COLOURS)
    assert seen["spans"]
    unreadable = [
        (text, colour, round(contrast(colour, backdrop), 2))
        for text, colour in seen["spans"]
        for backdrop in (seen["background"], seen["activeLine"])
        if contrast(colour, backdrop) < 4.5
    ]
    assert unreadable == [], (seen["background"], seen["activeLine"])
    colours = {colour for _text, colour in seen["spans"]} - {seen["text"]}
    assert len(colours) >= 6, colours
    return seen


def test_every_syntax_colour_reads_on_the_pad_light_and_dark(browser, server, mock):
    session, alice, _bob = mock
    context, page, errors = enter(browser, server, alice)
    page.emulate_media(color_scheme="light")
    page.goto(f"{server.url}/sessions/{session.pk}/room/")
    page.keyboard.press("Alt+KeyS")

    choose_language([page], "java")
    clear_pad(page)
    java_tokens = ["public", '"merged: "', "42", "// Bookings", "merge", "String", ">="]
    light = assert_readable(page, JAVA, java_tokens)
    # The scheme changes while the pad is open: its colours follow at once.
    page.emulate_media(color_scheme="dark")
    dark = assert_readable(page, None, java_tokens)
    assert luminance(dark["background"]) < 0.1 < luminance(light["background"])

    choose_language([page], "python")
    clear_pad(page)
    python_tokens = ["def", "'x'", "3.5", "# Bookings", "merge", "Booking", "**"]
    assert_readable(page, PYTHON, python_tokens)
    page.emulate_media(color_scheme="light")
    assert_readable(page, None, python_tokens)

    assert errors == []
    context.close()
