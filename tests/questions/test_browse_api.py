import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from questions.models import CompanyTag, Difficulty, RoundKind, Window
from tests.questions.factories import CompanyFactory, QuestionFactory, TopicFactory

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]


@pytest.fixture
def api(client, alice):
    client.force_login(alice)
    return client


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ("kind=poetry", "kind"),
        ("difficulty=extreme", "difficulty"),
        ("topic=no-such-topic", "topic"),
        ("company=initech", "company"),
        ("window=1y", "window"),
        ("ordering=-popularity", "ordering"),
        ("unsolved=maybe", "unsolved"),
    ],
)
def test_an_unknown_filter_value_is_a_400_naming_the_parameter(api, query, parameter):
    response = api.get(f"/api/questions/?{query}")

    assert response.status_code == 400
    assert response.json()["detail"].startswith(f"{parameter}: unknown value")
    assert response.json()["field"] == parameter


def test_meta_questions_of_the_last_six_months_come_most_asked_first(api):
    meta = CompanyFactory(name="Meta", slug="meta")
    google = CompanyFactory(name="Google", slug="google")
    rare = QuestionFactory(title="Rare one")
    common = QuestionFactory(title="Common one")
    old = QuestionFactory(title="Asked long ago")
    other = QuestionFactory(title="Google only")
    CompanyTag.objects.create(question=rare, company=meta, window="6m", frequency=20)
    CompanyTag.objects.create(question=common, company=meta, window="6m", frequency=90)
    CompanyTag.objects.create(question=old, company=meta, window="older", frequency=99)
    CompanyTag.objects.create(question=other, company=google, window="6m", frequency=99)

    response = api.get("/api/questions/?company=meta&window=6m&ordering=-frequency")

    results = response.json()["results"]
    assert [row["title"] for row in results] == ["Common one", "Rare one"]
    assert [row["frequency"] for row in results] == [90.0, 20.0]


def test_kind_difficulty_and_topic_filters_combine(api):
    heaps = TopicFactory(slug="heaps", name="Heaps")
    wanted = QuestionFactory(
        title="Wanted",
        kind=RoundKind.CODING,
        difficulty=Difficulty.HARD,
        topics=[heaps],
    )
    QuestionFactory(title="Too easy", difficulty=Difficulty.EASY, topics=[heaps])
    QuestionFactory(title="No topic", difficulty=Difficulty.HARD)

    response = api.get("/api/questions/?kind=coding&difficulty=hard&topic=heaps")

    assert [row["slug"] for row in response.json()["results"]] == [wanted.slug]
    assert response.json()["results"][0]["topics"] == ["heaps"]
    assert response.json()["results"][0]["difficulty"] == "hard"


def test_search_finds_words_in_titles_topics_and_statements(api):
    intervals = TopicFactory(slug="intervals", name="Intervals")
    by_title = QuestionFactory(title="Merge overlapping intervals")
    by_topic = QuestionFactory(title="Meeting rooms", topics=[intervals])
    by_statement = QuestionFactory(
        title="Calendar", statement="Each interval is [a, b)."
    )
    QuestionFactory(title="Unrelated", statement="Reverse a linked list.")

    response = api.get("/api/questions/?search=interval")

    found = {row["slug"] for row in response.json()["results"]}
    assert found == {by_title.slug, by_topic.slug, by_statement.slug}
    # The title match ranks first.
    assert response.json()["results"][0]["slug"] == by_title.slug


def test_a_page_costs_the_same_queries_whatever_its_size(api, alice):
    topic = TopicFactory(slug="graphs", name="Graphs")
    company = CompanyFactory(slug="meta", name="Meta")
    for number in range(60):
        question = QuestionFactory(topics=[topic])
        CompanyTag.objects.create(
            question=question, company=company, window="6m", frequency=number
        )

    counts = []
    for size in (5, 50):
        with CaptureQueriesContext(connection) as queries:
            response = api.get(
                f"/api/questions/?company=meta&window=6m&page_size={size}"
            )
        assert len(response.json()["results"]) == size
        counts.append(len(queries))

    assert counts[0] == counts[1]


def test_deep_pages_are_reachable_and_counted(api):
    for number in range(30):
        QuestionFactory(title=f"Question {number:02d}")

    response = api.get("/api/questions/?ordering=title&page=3&page_size=10")

    body = response.json()
    assert body["count"] == 30
    assert [row["title"] for row in body["results"]][0] == "Question 20"
    assert body["next"] is None


def test_facets_count_each_value_given_the_other_filters(api):
    meta = CompanyFactory(slug="meta", name="Meta")
    for difficulty in (Difficulty.EASY, Difficulty.EASY, Difficulty.HARD):
        question = QuestionFactory(difficulty=difficulty)
        CompanyTag.objects.create(
            question=question, company=meta, window="3m", frequency=1
        )
    QuestionFactory(difficulty=Difficulty.EASY)

    facets = api.get("/api/questions/facets/?company=meta&difficulty=easy").json()

    difficulty = {row["value"]: row["count"] for row in facets["difficulties"]}
    assert difficulty == {"easy": 2, "medium": 0, "hard": 1}
    assert {row["value"]: row["count"] for row in facets["companies"]} == {"meta": 2}
    kinds = {row["value"]: row["count"] for row in facets["kinds"]}
    assert kinds["coding"] == 2


def test_companies_and_topics_list_their_question_counts(api):
    meta = CompanyFactory(slug="meta", name="Meta")
    graphs = TopicFactory(slug="graphs", name="Graphs")
    question = QuestionFactory(topics=[graphs])
    CompanyTag.objects.create(
        question=question, company=meta, window=Window.ALL, frequency=3
    )
    CompanyTag.objects.create(question=question, company=meta, window="6m", frequency=3)

    companies = api.get("/api/companies/").json()
    topics = api.get("/api/topics/").json()

    assert companies == [
        {
            "slug": "meta",
            "name": "Meta",
            "aliases": [],
            "loop_notes": "",
            "question_count": 1,
        }
    ]
    assert topics == [{"slug": "graphs", "name": "Graphs", "question_count": 1}]


def test_the_api_needs_a_login_or_a_token(client):
    assert client.get("/api/questions/").status_code in (401, 403)


def test_the_schema_and_its_doc_page_are_served_locally(api):
    schema = api.get("/api/schema/")
    docs = api.get("/api/docs/")

    assert schema.status_code == 200
    assert b"/api/questions/" in schema.content
    assert docs.status_code == 200
    assert b"cdn" not in docs.content.lower()


def test_facets_and_pages_work_together_with_search(api):
    meta = CompanyFactory(slug="meta", name="Meta")
    intervals = TopicFactory(slug="intervals", name="Intervals")
    match = QuestionFactory(title="Merge intervals", topics=[intervals])
    CompanyTag.objects.create(question=match, company=meta, window="6m", frequency=5)
    QuestionFactory(title="Reverse a list")

    query = "search=interval&company=meta&window=6m&topic=intervals"
    facets = api.get(f"/api/questions/facets/?{query}").json()
    page = api.get(f"/questions/?{query}")

    assert {row["value"]: row["count"] for row in facets["topics"]} == {"intervals": 1}
    assert {row["value"]: row["count"] for row in facets["companies"]} == {"meta": 1}
    assert page.status_code == 200
    assert "Merge intervals" in page.content.decode()


def test_the_browse_page_explains_a_bad_filter(api):
    response = api.get("/questions/?difficulty=extreme")

    assert response.status_code == 400
    assert "difficulty: unknown value" in response.content.decode()


def test_the_browse_page_names_the_source_and_licence_of_imported_questions(api):
    from questions.models import Source

    source = Source.objects.create(
        slug="hxu296", name="LeetCode company-wise problems", license="MIT"
    )
    QuestionFactory(title="Imported one", source=source)

    page = api.get("/questions/").content.decode()

    assert "LeetCode company-wise problems" in page
    assert "licence: MIT" in page
