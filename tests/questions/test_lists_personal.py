"""Question lists: my own to add to, take from and reorder; curated ones to read only;
another person's never visible (404)."""

import pytest

from core.errors import ApplicationError
from questions.models import QuestionList, QuestionListItem
from questions.services import list_add_question, list_create, list_reorder
from tests.questions.factories import QuestionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def questions():
    return [
        QuestionFactory(title=title, slug=title.lower().replace(" ", "-"))
        for title in ("Two sum", "Valid parentheses", "Merge intervals")
    ]


@pytest.fixture
def alices_list(alice, questions):
    question_list = list_create(owner=alice, name="Before the Meta onsite")
    for question in questions:
        list_add_question(user=alice, question_list=question_list, question=question)
    return question_list


@pytest.fixture
def roadmap(questions):
    roadmap = QuestionList.objects.create(slug="blind-75", name="Blind 75")
    QuestionListItem.objects.create(
        question_list=roadmap, question=questions[0], position=1
    )
    return roadmap


def order_of(question_list):
    return list(
        question_list.items.order_by("position").values_list(
            "question__slug", flat=True
        )
    )


def test_i_make_a_list_and_add_a_question_from_its_page(client, alice, questions):
    client.force_login(alice)

    response = client.post("/questions/lists/", {"name": "Graphs", "description": ""})
    question_list = QuestionList.objects.get(owner=alice)
    assert response["Location"] == f"/questions/lists/{question_list.pk}/"

    page = client.post(
        "/questions/two-sum/lists/", {"list": question_list.pk}, follow=True
    ).content.decode()
    assert "Added to “Graphs”." in page
    assert order_of(question_list) == ["two-sum"]


def test_adding_a_question_twice_is_refused_with_a_message(client, alice, alices_list):
    client.force_login(alice)

    page = client.post(
        "/questions/two-sum/lists/", {"list": alices_list.pk}, follow=True
    ).content.decode()

    assert "“Two sum” is already in “Before the Meta onsite”." in page
    assert alices_list.items.count() == 3


def test_move_buttons_reorder_my_list_and_stop_at_the_ends(client, alice, alices_list):
    client.force_login(alice)
    move = f"/questions/lists/{alices_list.pk}/items/move/"

    response = client.post(move, {"question": "merge-intervals", "direction": "up"})
    assert response["Location"].endswith("#move-up-merge-intervals")
    assert order_of(alices_list) == ["two-sum", "merge-intervals", "valid-parentheses"]

    response = client.post(move, {"question": "two-sum", "direction": "up"})
    assert order_of(alices_list) == ["two-sum", "merge-intervals", "valid-parentheses"]
    # "Up" is disabled at the top: the page comes back on "down" instead.
    assert response["Location"].endswith("#move-down-two-sum")

    client.post(move, {"question": "two-sum", "direction": "down"})
    assert order_of(alices_list) == ["merge-intervals", "two-sum", "valid-parentheses"]


def test_the_list_page_offers_move_and_remove_buttons_for_my_list(
    client, alice, alices_list
):
    client.force_login(alice)

    page = client.get(f"/questions/lists/{alices_list.pk}/").content.decode()

    assert 'aria-label="Move “Two sum” up"' in page
    assert 'id="move-up-two-sum" disabled' in page
    assert 'aria-label="Remove “Merge intervals” from the list"' in page


def test_removing_a_question_closes_the_gap(client, alice, alices_list):
    client.force_login(alice)

    client.post(
        f"/questions/lists/{alices_list.pk}/items/remove/",
        {"question": "valid-parentheses"},
    )

    assert order_of(alices_list) == ["two-sum", "merge-intervals"]
    assert list(
        alices_list.items.order_by("position").values_list("position", flat=True)
    ) == [1, 2]


def test_adding_by_title_on_the_list_page(client, alice, questions):
    question_list = list_create(owner=alice, name="Warm-up")
    client.force_login(alice)

    client.post(
        f"/questions/lists/{question_list.pk}/items/", {"question": "valid PARENTHESES"}
    )
    page = client.post(
        f"/questions/lists/{question_list.pk}/items/",
        {"question": "not a question"},
        follow=True,
    ).content.decode()

    assert order_of(question_list) == ["valid-parentheses"]
    assert "No question has that title or slug." in page


def test_a_reorder_must_name_every_question_once_or_nothing_changes(alice, alices_list):
    with pytest.raises(ApplicationError, match="exactly once"):
        list_reorder(
            user=alice,
            question_list=alices_list,
            question_slugs=["two-sum", "two-sum", "merge-intervals"],
        )

    assert order_of(alices_list) == ["two-sum", "valid-parentheses", "merge-intervals"]


def test_the_api_creates_reorders_and_deletes_my_list(client, alice, questions):
    client.force_login(alice)

    created = client.post(
        "/api/lists/", {"name": "Arrays"}, content_type="application/json"
    )
    list_id = created.json()["id"]
    for slug in ("two-sum", "merge-intervals"):
        client.post(
            f"/api/lists/{list_id}/items/",
            {"question": slug},
            content_type="application/json",
        )
    ordered = client.put(
        f"/api/lists/{list_id}/order/",
        {"questions": ["merge-intervals", "two-sum"]},
        content_type="application/json",
    )
    renamed = client.patch(
        f"/api/lists/{list_id}/",
        {"name": "Arrays, hard"},
        content_type="application/json",
    )
    removed = client.delete(
        f"/api/lists/{list_id}/items/",
        {"question": "two-sum"},
        content_type="application/json",
    )
    deleted = client.delete(f"/api/lists/{list_id}/")

    assert created.status_code == 201
    assert [item["question"] for item in ordered.json()["items"]] == [
        "merge-intervals",
        "two-sum",
    ]
    assert renamed.json()["name"] == "Arrays, hard"
    assert [item["question"] for item in removed.json()["items"]] == ["merge-intervals"]
    assert deleted.status_code == 204
    assert not QuestionList.objects.exists()


def test_the_lists_index_shows_roadmaps_and_mine_but_not_others(
    client, alice, bob, roadmap, alices_list
):
    list_create(owner=bob, name="Bob's private list")
    client.force_login(alice)

    page = client.get("/questions/lists/").content.decode()
    api = client.get("/api/lists/").json()

    assert "Blind 75" in page
    assert "Before the Meta onsite" in page
    assert "private list" not in page
    assert [each["name"] for each in api] == ["Blind 75", "Before the Meta onsite"]
    assert api[0]["is_curated"] is True


def test_another_person_cannot_see_or_change_my_list(client, bob, alices_list):
    client.force_login(bob)
    url = f"/api/lists/{alices_list.pk}/"
    json = {"content_type": "application/json"}

    answers = [
        client.get(f"/questions/lists/{alices_list.pk}/"),
        client.post(
            f"/questions/lists/{alices_list.pk}/items/remove/", {"question": "two-sum"}
        ),
        client.post(f"/questions/lists/{alices_list.pk}/delete/"),
        client.get(url),
        client.patch(url, {"name": "Mine now"}, **json),
        client.delete(url),
        client.post(f"{url}items/", {"question": "two-sum"}, **json),
        client.put(f"{url}order/", {"questions": []}, **json),
    ]

    assert [answer.status_code for answer in answers] == [404] * len(answers)
    alices_list.refresh_from_db()
    assert alices_list.name == "Before the Meta onsite"
    assert alices_list.items.count() == 3


def test_a_curated_roadmap_is_read_only(client, alice, roadmap, questions):
    client.force_login(alice)

    page = client.get(f"/questions/lists/{roadmap.pk}/").content.decode()
    response = client.post(
        f"/api/lists/{roadmap.pk}/items/",
        {"question": "merge-intervals"},
        content_type="application/json",
    )
    form = client.post(
        f"/questions/lists/{roadmap.pk}/items/remove/",
        {"question": "two-sum"},
        follow=True,
    ).content.decode()

    assert "Blind 75" in page
    assert "Move “Two sum”" not in page
    assert response.status_code == 400
    assert "curated list and cannot be changed" in response.json()["detail"]
    assert "curated list and cannot be changed" in form
    assert order_of(roadmap) == ["two-sum"]


def test_two_lists_of_mine_cannot_share_a_name(client, alice, alices_list):
    client.force_login(alice)

    response = client.post("/questions/lists/", {"name": "before the meta ONSITE"})

    assert response.status_code == 200
    assert "You already have a list named" in response.content.decode()
    assert QuestionList.objects.count() == 1
