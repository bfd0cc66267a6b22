"""A question imported from a list has a title and a link but no statement; its page
says plainly that the statement is on the other site, and links there."""

import pytest

from tests.questions.factories import QuestionFactory

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]


def test_a_link_only_question_says_statement_on_its_site(client, alice):
    QuestionFactory(
        slug="two-sum",
        statement="",
        link="https://leetcode.com/problems/two-sum/",
    )
    client.force_login(alice)

    page = client.get("/questions/two-sum/").content.decode()

    assert "<strong>Statement on leetcode.com</strong>" in page
    assert 'href="https://leetcode.com/problems/two-sum/"' in page
    assert 'aria-label="Statement"' not in page


def test_a_question_with_a_statement_shows_it_and_names_the_other_site(client, alice):
    QuestionFactory(
        slug="two-sum",
        statement="Find two numbers that add up to the target.",
        link="https://www.leetcode.com/problems/two-sum/",
    )
    client.force_login(alice)

    page = client.get("/questions/two-sum/").content.decode()

    assert "Find two numbers that add up to the target." in page
    assert "Also on leetcode.com:" in page
    assert "Statement on" not in page
