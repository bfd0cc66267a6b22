from celery import shared_task

from mydata.services.export import export_build, exports_sweep


@shared_task
def export_build_task(export_id: int) -> None:
    export_build(export_id=export_id)


@shared_task
def exports_sweep_task() -> None:
    exports_sweep()
