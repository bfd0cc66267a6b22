"""No page leaves the browser asking for a missing icon: the site's pages and its
plain error pages name the site's icon, and /favicon.ico (which browsers ask for
when a page names none) leads to it instead of a 404 that shows in the server's
log and in the page's console."""

import pytest
from django.templatetags.static import static

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]

ICON = static("img/favicon.svg")


def test_favicon_ico_leads_to_the_sites_icon(client):
    response = client.get("/favicon.ico")

    assert response.status_code == 302
    assert response["Location"] == ICON


def test_the_plain_404_page_names_the_icon(client):
    response = client.get("/no/such/page/")

    assert response.status_code == 404
    assert f'<link rel="icon" href="{ICON}"' in response.content.decode()


def test_the_sign_in_page_names_the_icon(client):
    response = client.get("/accounts/login/")

    assert f'<link rel="icon" href="{ICON}"' in response.content.decode()
