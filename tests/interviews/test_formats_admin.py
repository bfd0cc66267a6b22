import pytest

from interviews.models import Format
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_user(db):
    return UserFactory(email="root@example.com", is_staff=True, is_superuser=True)


def test_staff_edit_a_formats_segments_in_the_admin(client, admin_user):
    client.force_login(admin_user)
    phone_screen = Format.objects.get(slug="phone-screen-e4-e5", owner=None)

    page = client.get(f"/admin/interviews/format/{phone_screen.pk}/change/")

    assert page.status_code == 200
    body = page.content.decode()
    assert "Phone screen (E4/E5)" in body
    assert 'name="segments-1-minutes" value="35"' in body


def test_the_admin_lists_the_built_in_formats(client, admin_user):
    client.force_login(admin_user)

    body = client.get("/admin/interviews/format/").content.decode()

    assert "Onsite loop (E6)" in body
    assert "ML system design round" in body
