"""A company's list in any window is ordered by each question's highest tag there,
which PostgreSQL keeps in a table of its own (migration 0008). Whatever changes the
tags (a new window, a new count, a deleted tag or company, bulk writes, two imports
at once), the list follows at once, in the same order as the plain list."""

import threading
import time

import pytest
from django.db import transaction
from django.http import QueryDict

from questions.filters import filters_from_params
from questions.models import Company, CompanyTag
from questions.selectors.browse import question_browse
from questions.selectors.browse_pages import BrowsePaginator, question_browse_pages
from tests.questions.factories import CompanyFactory, QuestionFactory
from tests.threads import run_together


def meta_list() -> list[tuple[str, float]]:
    """Meta's questions, most asked first, as the paginated list reads them; checked
    against the plain list."""
    filters = filters_from_params(QueryDict("company=meta"))
    page = BrowsePaginator(question_browse_pages(filters=filters, user=None), 50)
    found = [(q.slug, q.frequency) for q in page.page(1)]
    plain = [(q.slug, q.frequency) for q in question_browse(filters=filters, user=None)]
    assert found == plain
    assert page.count == len(plain)
    return found


@pytest.mark.django_db
def test_the_order_follows_new_changed_and_deleted_tags():
    meta = CompanyFactory(slug="meta", name="Meta")
    rooms = QuestionFactory(slug="rooms", title="Meeting rooms")
    islands = QuestionFactory(slug="islands", title="Islands")
    CompanyTag.objects.create(question=rooms, company=meta, window="6m", frequency=40)
    CompanyTag.objects.create(question=islands, company=meta, window="6m", frequency=60)
    assert meta_list() == [("islands", 60), ("rooms", 40)]

    recent = CompanyTag.objects.create(
        question=rooms, company=meta, window="30d", frequency=90
    )
    assert meta_list() == [("rooms", 90), ("islands", 60)]

    CompanyTag.objects.filter(pk=recent.pk).update(frequency=50)
    assert meta_list() == [("islands", 60), ("rooms", 50)]

    recent.delete()
    assert meta_list() == [("islands", 60), ("rooms", 40)]

    CompanyTag.objects.bulk_create(
        [
            CompanyTag(question=rooms, company=meta, window="all", frequency=70),
            CompanyTag(question=islands, company=meta, window="all", frequency=10),
        ]
    )
    assert meta_list() == [("rooms", 70), ("islands", 60)]

    islands.delete()
    assert meta_list() == [("rooms", 70)]

    Company.objects.filter(slug="meta").delete()
    CompanyFactory(slug="meta", name="Meta")
    assert meta_list() == []


@pytest.mark.django_db(transaction=True)
def test_two_imports_tagging_one_question_at_once_keep_the_highest():
    meta = CompanyFactory(slug="meta", name="Meta")
    rooms = QuestionFactory(slug="rooms", title="Meeting rooms")
    # Known already: both imports update its existing highest-tag row.
    CompanyTag.objects.create(question=rooms, company=meta, window="all", frequency=10)
    first_written = threading.Event()

    def tag_6m_and_linger():
        with transaction.atomic():
            CompanyTag.objects.create(
                question=rooms, company=meta, window="6m", frequency=80
            )
            first_written.set()
            time.sleep(0.5)  # the other import writes while this one is open

    def tag_30d():
        first_written.wait(timeout=10)
        with transaction.atomic():
            CompanyTag.objects.create(
                question=rooms, company=meta, window="30d", frequency=20
            )

    run_together(tag_6m_and_linger, tag_30d)

    assert meta_list() == [("rooms", 80)]


@pytest.mark.django_db(transaction=True)
def test_two_imports_over_the_same_questions_at_other_companies_do_not_deadlock():
    """Each import holds its (company, question) pairs until it commits; pairs of
    other companies are not theirs to wait for, whatever the order."""
    meta, google = CompanyFactory(slug="meta"), CompanyFactory(slug="google")
    first, second = QuestionFactory(slug="first"), QuestionFactory(slug="second")
    both_started = threading.Barrier(2)

    def import_into(company, questions):
        def run():
            with transaction.atomic():
                for number, question in enumerate(questions):
                    CompanyTag.objects.create(
                        question=question, company=company, window="6m", frequency=50
                    )
                    if number == 0:
                        both_started.wait(timeout=10)

        return run

    run_together(
        import_into(meta, [first, second]), import_into(google, [second, first])
    )

    for slug in ("meta", "google"):
        filters = filters_from_params(QueryDict(f"company={slug}"))
        found = question_browse_pages(filters=filters, user=None)
        assert BrowsePaginator(found, 10).page(1).paginator.count == 2
