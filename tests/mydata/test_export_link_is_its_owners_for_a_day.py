"""An archive's link is its owner's, for a day: anyone else (staff included) and
anyone after the day gets a 404, and the file is gone by then, removed when the
link is opened late or by the sweep, whichever comes first."""

from datetime import timedelta

import pytest
import time_machine
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import timezone
from rest_framework.authtoken.models import Token

from mydata.models import DataExport
from mydata.services.export import exports_sweep
from tests.mydata.support import export_built

pytestmark = [pytest.mark.embedded, pytest.mark.django_db]


@pytest.fixture
def export(alice):
    return export_built(alice)


def page_link(export) -> str:
    return reverse("mydata-export-download", args=[export.token])


def api_link(export) -> str:
    return reverse("api-me-export-download", args=[export.pk])


def test_its_owner_downloads_the_zip_named_for_the_day(client, alice, export):
    client.force_login(alice)
    response = client.get(page_link(export))

    assert response.status_code == 200
    day = timezone.localdate(export.finished_at, alice.zone).isoformat()
    assert f'filename="mockloop-export-{day}.zip"' in response["Content-Disposition"]
    assert response["Cache-Control"] == "private, no-store"
    assert b"".join(response.streaming_content).startswith(b"PK")


def test_the_api_serves_it_to_its_owner_by_token(client, alice, export):
    token = Token.objects.create(user=alice).key
    response = client.get(api_link(export), HTTP_AUTHORIZATION=f"Token {token}")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"


@pytest.mark.parametrize("who", ["bob", "staff"])
def test_anyone_else_gets_a_404_even_with_the_link(client, request, export, who):
    client.force_login(request.getfixturevalue(who))

    assert client.get(page_link(export)).status_code == 404
    assert client.get(api_link(export)).status_code == 404
    status = reverse("mydata-export-status", args=[export.pk])
    assert client.get(status).status_code == 404
    detail = reverse("api-me-export-detail", args=[export.pk])
    assert client.get(detail).status_code == 404


def test_signed_out_it_asks_for_a_log_in(client, export):
    response = client.get(page_link(export))

    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_after_a_day_the_link_is_a_404_and_the_file_is_removed(client, alice, export):
    client.force_login(alice)
    assert default_storage.exists(export.file_name)

    with time_machine.travel(export.finished_at + timedelta(days=1, seconds=1)):
        assert client.get(page_link(export)).status_code == 404

    assert not default_storage.exists(export.file_name)
    assert not DataExport.objects.filter(pk=export.pk).exists()


def test_just_before_the_day_ends_it_still_downloads(client, alice, export):
    client.force_login(alice)

    with time_machine.travel(export.finished_at + timedelta(hours=23, minutes=59)):
        assert client.get(page_link(export)).status_code == 200


def test_the_sweep_removes_expired_archives_and_keeps_fresh_ones(alice, bob, export):
    fresh = export_built(bob)

    assert exports_sweep(now=export.finished_at + timedelta(hours=1)) == 0
    later = export.finished_at + timedelta(days=1, minutes=1)
    DataExport.objects.filter(pk=fresh.pk).update(created_at=later, finished_at=later)
    assert exports_sweep(now=later) == 1
    assert exports_sweep(now=later) == 0

    assert not default_storage.exists(export.file_name)
    assert default_storage.exists(fresh.file_name)
    assert list(DataExport.objects.values_list("pk", flat=True)) == [fresh.pk]


def test_the_sweep_removes_an_archive_whose_account_is_gone(alice, bob, export):
    kept = export_built(bob)
    DataExport.objects.filter(pk=export.pk).delete()

    assert exports_sweep() == 0  # Too fresh: a build may be about to name it.
    assert exports_sweep(now=timezone.now() + timedelta(hours=2)) == 1

    assert not default_storage.exists(export.file_name)
    assert default_storage.exists(kept.file_name)
