"""Only http and https addresses become links: a bank file, a community list or the
admin that gives a javascript: (or any other) address is refused with the file and
line, nothing is written, and an address stored before the check never renders as a
link."""

import pytest
from django.core.exceptions import ValidationError

from questions.importers import ImportRefused, import_path
from questions.models import Question, Source
from tests.questions.factories import QuestionFactory

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]

BANK = """\
format: mockloop-bank/1
source:
  name: Evil lists
  url: {source_url}
questions:
  - slug: two-sum
    title: Two sum
    kind: coding
    difficulty: easy
    link: {link}
"""


@pytest.mark.parametrize(
    ("field", "address", "line"),
    [
        ("source_url", "'javascript:alert(document.cookie)'", 4),
        ("link", "'javascript:alert(1)'", 10),
        ("link", "'data:text/html,<script>alert(1)</script>'", 10),
        ("link", "'ftp://example.org/two-sum'", 10),
    ],
)
def test_a_bank_file_with_another_scheme_is_refused_with_its_line(
    tmp_path, field, address, line
):
    values = {"source_url": "https://example.org", "link": "https://example.org/a"}
    values[field] = address
    path = tmp_path / "bank.yaml"
    path.write_text(BANK.format(**values))

    with pytest.raises(ImportRefused) as refused:
        import_path(path)

    assert refused.value.line == line
    assert "is not a web address: links must start with http:// or https://" in (
        refused.value.problem
    )
    assert not Question.objects.exists() and not Source.objects.exists()


def test_a_community_list_with_a_script_link_is_refused_with_its_line(tmp_path):
    path = tmp_path / "Acme.csv"
    path.write_text(
        "problem_link,problem_name,num_occur\n"
        "https://leetcode.com/problems/two-sum/,Two Sum,5\n"
        "javascript://example.org/problems/evil/%0Aalert(1),Evil,3\n"
    )

    with pytest.raises(ImportRefused) as refused:
        import_path(path)

    assert refused.value.line == 3
    assert "is not a web address" in refused.value.problem
    assert not Question.objects.exists()


def test_the_models_refuse_another_scheme_so_the_admin_does_too():
    source = Source(slug="evil", name="Evil", url="javascript:alert(1)")
    question = QuestionFactory.build(statement="", link="javascript:alert(1)")

    with pytest.raises(ValidationError) as source_error:
        source.full_clean()
    with pytest.raises(ValidationError) as question_error:
        question.full_clean()

    assert "url" in source_error.value.message_dict
    assert "link" in question_error.value.message_dict


def test_an_address_stored_before_the_check_never_renders_as_a_link(client, alice):
    source = Source.objects.create(slug="old", name="Old list", url="https://x.org")
    Source.objects.filter(pk=source.pk).update(url="javascript:alert(1)")
    question = QuestionFactory(slug="old-one", statement="", link="https://x.org/q")
    Question.objects.filter(pk=question.pk).update(
        link="javascript:alert(2)", source=source
    )
    client.force_login(alice)

    detail = client.get("/questions/old-one/").content.decode()
    listing = client.get("/questions/").content.decode()

    for page in (detail, listing):
        assert 'href="javascript:' not in page
    assert "Old list" in detail and "Old list" in listing
