"""Rubrics are data: an admin edits them as new versions, and each scorecard keeps
the version it was written on."""

import pytest
from django.urls import reverse

from feedback.models import Rubric
from feedback.selectors.rubrics import rubric_current
from feedback.services.rubrics import rubric_in_use, rubric_new_version
from tests.feedback.support import finished_session, rounds_of, write_scorecard

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]


def test_a_new_version_becomes_current_and_old_scorecards_keep_theirs(alice, bob):
    first, second = rounds_of(finished_session(host=alice, partner=bob))
    old = write_scorecard(first, 3)
    assert rubric_in_use(old.rubric)

    new = rubric_new_version(rubric=old.rubric)
    criterion = new.criteria.get(key="approach")
    criterion.title = "Approach and choice of algorithm"
    criterion.save()

    assert rubric_current(kind="coding") == new and new.version == 2
    assert write_scorecard(second, 3).rubric == new
    old.refresh_from_db()
    assert old.rubric.version == 1
    assert old.ratings.get(criterion__key="approach").criterion.title == (
        "Approach and algorithm choice"
    )


def test_the_admin_keeps_a_rubric_in_use_read_only(admin_client, alice, bob):
    first, _ = rounds_of(finished_session(host=alice, partner=bob))
    rubric = write_scorecard(first, 3).rubric
    unused = Rubric.objects.get(kind="behavioral")

    in_use = admin_client.get(reverse("admin:feedback_rubric_change", args=[rubric.pk]))
    editable = admin_client.get(
        reverse("admin:feedback_rubric_change", args=[unused.pk])
    )

    assert 'name="criteria-0-title"' not in in_use.content.decode()
    assert 'name="criteria-0-title"' in editable.content.decode()

    admin_client.post(
        reverse("admin:feedback_rubric_changelist"),
        {"action": "copy_as_new_version", "_selected_action": [rubric.pk]},
    )
    assert rubric_current(kind="coding").version == 2
