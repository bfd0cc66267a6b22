"""Practice settings, from the page and the API: what is valid is saved whole, what
is not is refused with a message saying why, and a refused change saves nothing of
itself (no half-saved settings); no input ends in a server error."""

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rest_framework.test import APIClient

from practice.models import PracticeSettings
from practice.services.settings import practice_settings_update
from questions.models import RoundKind
from tests.factories import UserFactory
from tests.questions.factories import CompanyFactory

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]

FUZZ = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.fixture
def ann(db):
    return UserFactory(time_zone="Europe/Berlin")


@pytest.fixture
def companies(db):
    return [
        CompanyFactory(name="Meta", slug="meta"),
        CompanyFactory(name="Google", slug="google"),
    ]


@pytest.fixture
def api(ann):
    client = APIClient()
    client.force_authenticate(ann)
    return client


def stored(user) -> dict | None:
    row = PracticeSettings.objects.filter(user=user).first()
    if row is None:
        return None
    return {
        "companies": sorted(row.target_companies.values_list("slug", flat=True)),
        "kinds": row.target_kinds,
        "set_size": row.set_size,
        "goal": row.weekly_goal_days,
        "digest_hour": row.digest_hour,
    }


# The page ----------------------------------------------------------------------------
def test_the_page_saves_every_field(client, ann, companies):
    client.force_login(ann)
    page = client.get("/practice/settings/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "Europe/Berlin" in text  # the digest hour is read in the person's zone
    assert "Meta" in text and "System design" in text

    response = client.post(
        "/practice/settings/",
        {
            "target_companies": [companies[0].pk],
            "target_kinds": ["system_design", "coding"],
            "set_size": "3",
            "weekly_goal_days": "5",
            "digest_on": "on",
            "digest_hour": "7",
        },
    )

    assert response.status_code == 302
    assert stored(ann) == {
        "companies": ["meta"],
        "kinds": ["coding", "system_design"],
        "set_size": 3,
        "goal": 5,
        "digest_hour": 7,
    }
    again = client.get("/practice/settings/").content.decode()
    assert "Your practice settings are saved." in again


def test_turning_the_digest_off_forgets_its_hour(client, ann):
    client.force_login(ann)
    valid = {"set_size": "2", "weekly_goal_days": "4", "digest_hour": "9"}
    client.post("/practice/settings/", {**valid, "digest_on": "on"})
    assert stored(ann)["digest_hour"] == 9

    client.post("/practice/settings/", valid)
    assert stored(ann)["digest_hour"] is None


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"set_size": "4"}, "Select a valid choice. 4 is not one of the available"),
        ({"weekly_goal_days": "0"}, "Select a valid choice. 0 is not one of the"),
        ({"weekly_goal_days": "eight"}, "Select a valid choice."),
        ({"digest_on": "on", "digest_hour": ""}, "Pick the hour of your digest."),
        ({"digest_on": "on", "digest_hour": "24"}, "Select a valid choice."),
        ({"target_kinds": ["poetry"]}, "Select a valid choice. poetry is not one"),
        ({"target_companies": ["999999"]}, "not in the bank"),
    ],
)
def test_the_page_refuses_each_bad_field_and_saves_nothing(
    client, ann, companies, change, message
):
    practice_settings_update(
        user=ann,
        target_company_ids=[companies[1].pk],
        target_kinds=[],
        set_size=2,
        weekly_goal_days=4,
        digest_hour=None,
    )
    before = stored(ann)
    client.force_login(ann)
    valid = {
        "target_companies": [companies[0].pk],
        "set_size": "3",
        "weekly_goal_days": "6",
    }

    page = client.post("/practice/settings/", {**valid, **change})

    assert page.status_code == 200
    assert message in page.content.decode()
    assert stored(ann) == before


form_values = st.one_of(
    st.text(max_size=12),
    st.integers(-5, 40).map(str),
    st.sampled_from(["on", "", "2", "3", "7", "23", "coding", "\x00"]),
)


@FUZZ
@given(
    data=st.dictionaries(
        st.sampled_from(
            [
                "target_companies",
                "target_kinds",
                "set_size",
                "weekly_goal_days",
                "digest_on",
                "digest_hour",
            ]
        ),
        st.lists(form_values, max_size=3),
    )
)
def test_any_form_post_saves_valid_settings_or_nothing(client, ann, companies, data):
    client.force_login(ann)
    PracticeSettings.objects.filter(user=ann).delete()

    response = client.post("/practice/settings/", data)

    # 400: text with a NUL, refused by the middleware before any view.
    assert response.status_code in (200, 302, 400)
    if response.status_code != 302:
        assert stored(ann) is None
        if response.status_code == 200:
            assert 'class="field-error"' in response.content.decode()
    else:
        row = stored(ann)
        assert row["set_size"] in (2, 3)
        assert 1 <= row["goal"] <= 7
        assert row["digest_hour"] is None or 0 <= row["digest_hour"] <= 23
        assert set(row["kinds"]) <= set(RoundKind.values)


# The API -----------------------------------------------------------------------------
def test_the_api_reads_the_defaults_then_patches_only_what_it_is_given(
    api, ann, companies
):
    answer = api.get("/api/practice/settings/")
    assert answer.status_code == 200
    assert answer.json() == {
        "target_companies": [],
        "target_kinds": [],
        "set_size": 2,
        "weekly_goal_days": 4,
        "digest_hour": None,
        "time_zone": "Europe/Berlin",
    }

    answer = api.patch(
        "/api/practice/settings/",
        {"target_companies": ["google", "meta"], "digest_hour": 6},
        format="json",
    )
    assert answer.status_code == 200
    assert answer.json()["target_companies"] == ["google", "meta"]
    assert answer.json()["digest_hour"] == 6

    answer = api.patch(
        "/api/practice/settings/", {"weekly_goal_days": 5}, format="json"
    )
    assert answer.json()["target_companies"] == ["google", "meta"]
    assert answer.json()["weekly_goal_days"] == 5
    assert answer.json()["digest_hour"] == 6

    answer = api.patch("/api/practice/settings/", {"digest_hour": None}, format="json")
    assert answer.json()["digest_hour"] is None


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"set_size": 4}, "set_size"),
        ({"set_size": "3"}, "set_size"),
        ({"weekly_goal_days": 8}, "weekly_goal_days"),
        ({"weekly_goal_days": True}, "weekly_goal_days"),
        ({"weekly_goal_days": "5"}, "weekly_goal_days"),
        ({"digest_hour": -1}, "digest_hour"),
        ({"digest_hour": 7.5}, "digest_hour"),
        ({"target_kinds": ["poetry"]}, "target_kinds"),
        ({"target_companies": ["no-such-company"]}, "target_companies"),
        ({"target_companies": "meta"}, "target_companies"),
    ],
)
def test_the_api_refuses_a_bad_field_by_name_and_saves_nothing(
    api, ann, companies, body, field
):
    answer = api.patch(
        "/api/practice/settings/", {"weekly_goal_days": 6, **body}, format="json"
    )

    assert answer.status_code == 400
    assert field in answer.json()
    assert stored(ann) is None


json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(2**40), 2**40)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=20)
    | st.sampled_from(["meta", "google", "coding", "system_design"]),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(st.text(max_size=5), children, max_size=3)
    ),
    max_leaves=8,
)


@FUZZ
@given(
    body=st.fixed_dictionaries(
        {},
        optional={
            name: json_values
            for name in (
                "target_companies",
                "target_kinds",
                "set_size",
                "weekly_goal_days",
                "digest_hour",
                "time_zone",
            )
        },
    )
)
def test_any_json_patch_is_saved_whole_or_refused_with_a_message(
    api, ann, companies, body
):
    PracticeSettings.objects.filter(user=ann).delete()

    answer = api.patch("/api/practice/settings/", body, format="json")

    assert answer.status_code in (200, 400)
    if answer.status_code == 400:
        assert answer.json()
        assert stored(ann) is None
        return
    saved = answer.json()
    row = stored(ann)
    assert saved["set_size"] == row["set_size"] in (2, 3)
    assert saved["weekly_goal_days"] == row["goal"]
    assert 1 <= row["goal"] <= 7
    assert saved["digest_hour"] == row["digest_hour"]
    assert sorted(saved["target_companies"]) == row["companies"]


def test_the_service_refuses_what_the_forms_would_never_send(ann, companies):
    from core.errors import ApplicationError

    good = {
        "target_company_ids": [],
        "target_kinds": [],
        "set_size": 2,
        "weekly_goal_days": 4,
        "digest_hour": None,
    }
    for bad in (
        {"set_size": True},
        {"weekly_goal_days": 0},
        {"digest_hour": 24},
        {"target_kinds": ["poetry"]},
        {"target_company_ids": [companies[0].pk, 10**9]},
    ):
        with pytest.raises(ApplicationError):
            practice_settings_update(user=ann, **{**good, **bad})
    assert stored(ann) is None


def test_strangers_are_sent_to_log_in(client):
    assert client.get("/practice/settings/").status_code == 302
    assert APIClient().get("/api/practice/settings/").status_code in (401, 403)


def test_the_schema_documents_the_settings_api(api):
    schema = yaml.safe_load(api.get("/api/schema/").content)
    operations = schema["paths"]["/api/practice/settings/"]
    assert {"get", "patch"} <= set(operations)
