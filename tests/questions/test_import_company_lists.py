"""Every company-list format of ../shared/data/README.md: the real hxu296 files, and
fixtures under data/ for the formats users bring themselves."""

import csv
from collections import defaultdict
from pathlib import Path

import pytest
from django.conf import settings

from questions.importers import import_path
from questions.models import Company, CompanyTag, Difficulty, Question, RoundKind
from tests.questions.factories import QuestionFactory

pytestmark = pytest.mark.django_db

SHARED = Path(settings.BASE_DIR).parent / "shared" / "data"
HXU296 = SHARED / "hxu296-leetcode-company-wise-problems-2022"
LONG_FORM = HXU296 / "data" / "leetcode_problems_and_companies.csv"
DATA = Path(__file__).parent / "data"


def tag(slug: str, company: str, window: str) -> CompanyTag:
    return CompanyTag.objects.get(
        question__slug=slug, company__slug=company, window=window
    )


def test_the_long_form_tags_every_company_scaled_so_its_top_question_is_100():
    report = import_path(LONG_FORM)

    with LONG_FORM.open(newline="", encoding="utf-8") as opened:
        rows = list(csv.DictReader(opened))
    counts = defaultdict(dict)
    for row in rows:
        if row["num_occur"].isdigit():
            counts[row["company_name"]][row["problem_link"]] = int(row["num_occur"])
    google_top = max(counts["Google"].values())
    link, occur = next(iter(counts["Google"].items()))
    slug = link.rstrip("/").rsplit("/", 1)[-1]
    assert tag(slug, "google", "all").frequency == round(100 * occur / google_top, 2)
    assert CompanyTag.objects.filter(company__slug="google", frequency=100).exists()
    assert set(CompanyTag.objects.values_list("window", flat=True)) == {"all"}
    assert report.rows == len(rows)
    assert report.created["company_tags"] == len(rows) - 11


def test_the_long_form_names_facebook_meta_and_twitter_x():
    import_path(LONG_FORM)

    names = set(Company.objects.values_list("name", flat=True))
    assert {"Meta", "X"} <= names
    assert not names & {"Facebook", "Twitter"}
    assert Company.objects.get(slug="meta").aliases == ["Facebook"]


def test_the_long_form_skips_its_broken_rows_with_their_lines():
    report = import_path(LONG_FORM)

    skipped = {(skip.line, skip.reason) for skip in report.skipped}
    assert (27, "num_occur 'T-mobile' is not a number.") in skipped
    # Bloomberg lists remove-palindromic-subsequences twice upstream.
    assert (
        537,
        "remove-palindromic-subsequences at Bloomberg in window all already came "
        "on line 535.",
    ) in skipped
    assert len(skipped) == 11
    assert {skip.file for skip in report.skipped} == {
        "data/leetcode_problems_and_companies.csv"
    }


def test_link_only_coding_questions_come_from_the_lists_links():
    import_path(LONG_FORM)

    question = Question.objects.get(slug="two-sum")
    assert question.kind == RoundKind.CODING
    assert question.statement == ""
    assert question.link == "https://leetcode.com/problems/two-sum/"
    assert question.is_link_only
    assert question.source.license == "MIT (c) 2022 Huan Xu"


def test_per_company_files_take_the_company_from_the_file_name():
    import_path(HXU296 / "companies")

    assert Company.objects.get(slug="two-sigma").name == "Two Sigma"
    assert CompanyTag.objects.filter(company__slug="x").count() == 26
    assert not Company.objects.filter(name="Twitter").exists()
    for company in ("meta", "google", "amazon", "x", "two-sigma", "uber"):
        top = CompanyTag.objects.filter(company__slug=company).order_by("-frequency")
        assert top.first().frequency == 100


def test_window_folders_give_five_windows_with_topics_and_difficulty():
    report = import_path(DATA / "window-folders")

    assert (
        tag("minimum-remove-to-make-valid-parentheses", "meta", "30d").frequency == 100
    )
    assert tag("powx-n", "meta", "3m").frequency == 80.2
    assert tag("powx-n", "meta", "6m").frequency == 76.5
    assert tag("valid-word-abbreviation", "meta", "all").frequency == 36.2
    assert tag("basic-calculator", "two-sigma", "6m").frequency == 100
    assert not CompanyTag.objects.filter(window="older").exists()
    pow_x = Question.objects.get(slug="powx-n")
    assert (pow_x.title, pow_x.difficulty) == ("Pow(x, n)", Difficulty.MEDIUM)
    assert pow_x.link == "https://leetcode.com/problems/powx-n/"
    assert pow_x.topic_names == "Math Recursion"
    assert Question.objects.get(slug="valid-word-abbreviation").topic_names == ""
    assert Question.objects.get(slug="merge-k-sorted-lists").difficulty == 3
    assert report.skipped == []
    assert len(report.files) == 10
    assert "local copy" in tag("two-sum", "meta", "3m").source.name


def test_slug_folders_read_percentages_and_name_companies_from_slugs():
    report = import_path(DATA / "slug-folders")

    assert tag("two-sum", "x", "30d").frequency == 100
    assert tag("design-hit-counter", "x", "6m").frequency == 12.5
    assert tag("powx-n", "x", "all").frequency == 62.5
    assert tag("basic-calculator", "two-sigma", "all").frequency == 100
    assert Company.objects.get(slug="two-sigma").name == "Two Sigma"
    assert Question.objects.get(slug="basic-calculator").difficulty == Difficulty.HARD
    assert not CompanyTag.objects.filter(window="older").exists()
    assert report.created["company_tags"] == 2 + 3 + 5 + 6 + 2


def test_flat_files_are_scaled_per_file_and_keep_one_year_over_two():
    report = import_path(DATA / "flat-files")

    assert (
        tag("minimum-remove-to-make-valid-parentheses", "meta", "6m").frequency == 100
    )
    assert tag("two-sum", "meta", "6m").frequency == 25.0
    assert tag("merge-k-sorted-lists", "meta", "older").frequency == 50.0
    assert tag("basic-calculator", "two-sigma", "older").frequency == 100
    assert tag("power-of-four", "two-sigma", "older").frequency == 43.07
    assert tag("two-sum", "meta", "all").frequency == 24.94
    assert Question.objects.get(slug="powx-n").title == "Pow(x, n)"
    assert [(s.file, s.line) for s in report.skipped] == [
        ("flat-files/facebook_2year.csv", 1)
    ]


def test_lists_that_disagree_leave_the_first_lists_title_and_difficulty():
    import_path(DATA / "window-folders")
    Question.objects.filter(slug="two-sum").update(title="Two Sum (from a bank)")

    import_path(DATA / "slug-folders")

    # two-sum belongs to the window-folder list: the slug folders add tags only.
    assert Question.objects.get(slug="two-sum").title == "Two Sum (from a bank)"
    assert tag("two-sum", "x", "all").frequency == 100


def test_a_list_with_difficulties_rates_what_hxu296_left_unrated(
    tmp_path, client, alice
):
    per_company = tmp_path / "Two Sigma.csv"
    per_company.write_text(
        "problem_link,problem_name,num_occur\n"
        "https://leetcode.com/problems/basic-calculator/,Basic Calculator,3\n"
    )
    import_path(per_company)
    # hxu296 gives no difficulty: the question says so rather than guess.
    assert Question.objects.get(slug="basic-calculator").difficulty is None
    client.force_login(alice)
    assert "Unrated" in client.get("/questions/basic-calculator/").content.decode()
    listed = client.get("/api/questions/?search=calculator").json()["results"]
    assert [row["difficulty"] for row in listed] == [None]
    medium = client.get("/api/questions/?difficulty=medium").json()
    assert medium["count"] == 0

    import_path(DATA / "slug-folders" / "two-sigma")

    question = Question.objects.get(slug="basic-calculator")
    assert question.difficulty == Difficulty.HARD
    assert question.source.slug == "local-company-lists-slug-folders"


def test_a_tag_belongs_to_the_list_that_made_it():
    import_path(DATA / "window-folders")

    import_path(DATA / "flat-files")

    # Both lists count Pow(x, n) at Meta over all time: the first list's count stays.
    pow_x = tag("powx-n", "meta", "all")
    assert (pow_x.frequency, pow_x.source.slug) == (
        82.8,
        "local-company-lists-window-folders",
    )


def test_lists_with_windows_take_over_hxu296_all_time_counts():
    import_path(HXU296 / "companies" / "Twitter.csv")
    assert tag("design-hit-counter", "x", "all").source.slug == HXU296.name

    import_path(DATA / "slug-folders")

    hit_counter = tag("design-hit-counter", "x", "all")
    assert (hit_counter.frequency, hit_counter.source.slug) == (
        25.0,
        "local-company-lists-slug-folders",
    )
    # Questions only hxu296 counted keep its tags.
    assert tag("word-search", "x", "all").frequency == 100


def test_a_community_list_never_touches_what_a_person_wrote(tmp_path):
    mine = QuestionFactory(
        slug="two-sum",
        title="Pairs that add up",
        statement="Find two numbers that add up to the target.",
        hints=["A hash map."],
        link="",
    )

    import_path(DATA / "window-folders")

    mine.refresh_from_db()
    assert (mine.title, mine.statement, mine.hints) == (
        "Pairs that add up",
        "Find two numbers that add up to the target.",
        ["A hash map."],
    )
    # It only fills the blank link, and adds the list's tags and topics.
    assert mine.link == "https://leetcode.com/problems/two-sum/"
    assert tag("two-sum", "meta", "3m").frequency == 33.3
    assert "Hash Table" in mine.topic_names
