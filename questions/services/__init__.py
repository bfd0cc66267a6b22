"""State changes of the questions app, each in a transaction.

One module per area; everything is importable from `questions.services`."""

from questions.services.lists import (
    list_add_question,
    list_create,
    list_delete,
    list_move_question,
    list_remove_question,
    list_reorder,
    list_update,
)
from questions.services.progress import (
    attempt_log,
    attempt_undo,
    progress_mark_for_review,
)
from questions.services.reports import asked_report_create

__all__ = [
    "asked_report_create",
    "attempt_log",
    "attempt_undo",
    "list_add_question",
    "list_create",
    "list_delete",
    "list_move_question",
    "list_remove_question",
    "list_reorder",
    "list_update",
    "progress_mark_for_review",
]
