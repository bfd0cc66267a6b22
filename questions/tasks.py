"""Background work of the questions app. Tasks take ids and are safe to run twice."""

from celery import shared_task

from questions.importers.runs import import_run_execute


@shared_task
def import_questions_task(run_id: int) -> None:
    import_run_execute(run_id=run_id)
