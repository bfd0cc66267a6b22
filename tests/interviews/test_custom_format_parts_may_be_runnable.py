"""A person's own format may mark a coding, ML coding or design part runnable (the
room then lets its pad's code run in the browser), on the formats page and through
the API; a part with no code cannot be, and every built-in format that imitates a
company's round stays off while the online assessments are on."""

import importlib

import pytest
from django.apps import apps as django_apps

from core.errors import ApplicationError
from interviews.models import Format, Segment
from interviews.services.formats import format_create, format_update

pytestmark = pytest.mark.django_db

ASSESSMENT = [
    {"kind": "intro", "minutes": 2, "questions": 0},
    {"kind": "coding", "minutes": 40, "questions": 2, "runnable": True},
]


def test_a_coding_part_of_my_own_format_may_be_runnable(alice):
    mine = format_create(owner=alice, name="My assessment", segments=ASSESSMENT)

    assert list(mine.segments.values_list("kind", "runnable")) == [
        ("intro", False),
        ("coding", True),
    ]
    format_update(
        format=mine,
        by=alice,
        name="My assessment",
        segments=[{**each, "runnable": False} for each in ASSESSMENT],
    )
    assert not mine.segments.filter(runnable=True).exists()


@pytest.mark.parametrize(
    ("segment", "message"),
    [
        ({"kind": "behavioral", "minutes": 10, "runnable": True}, "no code to run"),
        ({"kind": "coding", "minutes": 10, "runnable": "yes"}, "true or false"),
    ],
)
def test_a_part_without_code_or_a_bent_flag_is_refused(alice, segment, message):
    with pytest.raises(ApplicationError, match=message):
        format_create(owner=alice, name="Odd", segments=[segment])


def test_the_formats_page_and_the_api_set_runnable(client, alice):
    client.force_login(alice)

    client.post(
        "/sessions/formats/",
        {"name": "Page OA", "kind_0": "coding", "minutes_0": "30", "runnable_0": "on"},
    )
    answer = client.post(
        "/api/formats/",
        {"name": "API OA", "segments": ASSESSMENT},
        content_type="application/json",
    )

    assert answer.status_code == 201, answer.content
    runnable = Segment.objects.filter(format__owner=alice, runnable=True)
    assert sorted(runnable.values_list("format__name", flat=True)) == [
        "API OA",
        "Page OA",
    ]
    assert "Run code" in client.get("/sessions/formats/").content.decode()


def test_only_the_online_assessments_are_runnable_among_the_built_in_formats():
    for name in ("0002_builtin_formats", "0013_segment_runnable"):
        module = importlib.import_module(f"interviews.migrations.{name}")
        adding = getattr(module, "add_builtin_formats", None) or (
            module.add_online_assessments
        )
        adding(django_apps, None)

    runnable = Format.objects.filter(owner=None, segments__runnable=True).distinct()
    assert sorted(runnable.values_list("slug", flat=True)) == [
        "online-assessment",
        "online-assessment-ml",
    ]
    assert Format.objects.filter(owner=None).count() > 2
