"""Reading the brag document: one person's entries, newest day first."""

from django.db.models import QuerySet
from django.http import Http404

from career import permissions
from career.models import BragEntry
from users.models import User


def brag_entries_of(*, user: User) -> QuerySet[BragEntry]:
    return BragEntry.objects.filter(owner=user).order_by("-day", "-pk")


def brag_entry_get_for_user(*, user: User, entry_id: int) -> BragEntry:
    entry = brag_entries_of(user=user).filter(pk=entry_id).first()
    if entry is None or not permissions.is_owner(user, entry):
        raise Http404("No such entry of yours.")
    return entry
