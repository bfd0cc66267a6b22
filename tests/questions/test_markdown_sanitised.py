import pytest

from questions.rendering import render_markdown
from tests.questions.factories import QuestionFactory


@pytest.mark.parametrize(
    "hostile",
    [
        "<script>alert(1)</script>",
        '<img src="x" onerror="alert(1)">',
        "[click me](javascript:alert(1))",
        '<a href="javascript:alert(1)">click</a>',
        '<div onclick="alert(1)">press</div>',
        '<iframe src="https://evil.example"></iframe>',
        '<svg onload="alert(1)"></svg>',
        '<a href="data:text/html,<script>alert(1)</script>">data</a>',
    ],
)
def test_markdown_with_scripts_handlers_or_javascript_links_renders_inert(hostile):
    html = render_markdown(f"Intro\n\n{hostile}\n\nOutro").lower()

    assert "<script" not in html
    assert "onerror" not in html and "onclick" not in html and "onload" not in html
    assert "javascript:" not in html
    assert "<iframe" not in html
    assert "data:text/html" not in html


def test_code_blocks_are_highlighted_and_links_kept():
    html = render_markdown("See [docs](https://example.org).\n\n```python\nx = 1\n```")

    assert '<a href="https://example.org"' in html
    assert 'class="highlight"' in html
    assert "<span" in html


@pytest.mark.django_db
def test_the_question_page_renders_a_hostile_statement_inert(client, alice):
    QuestionFactory(slug="hostile", statement='Hi <script>alert("x")</script> there')
    client.force_login(alice)

    page = client.get("/questions/hostile/").content.decode()

    assert (
        'alert("x")' not in page.split("<footer")[0].split('aria-label="Statement"')[1]
    )
    assert "<script>alert" not in page
