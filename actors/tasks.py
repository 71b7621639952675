"""Background tasks of the directory (run by `manage.py db_worker`): the spreadsheet import."""

from dataclasses import asdict

from django_tasks import task

from .importer import ActorImporter, ImportFileError
from .models import ActorImport


@task
def run_actor_import(import_id: int) -> None:
    """Runs one stage of an import sent through the admin (the dry run, then the writing), with the sender's rights."""
    job = ActorImport.objects.select_related("user").get(pk=import_id)
    job.status = ActorImport.Status.RUNNING
    job.save(update_fields=["status"])
    try:
        report = ActorImporter(job.set_progress, user=job.user).run(
            bytes(job.content), dry_run=job.stage == ActorImport.Stage.CHECK, publish=job.publish
        )
    except ImportFileError as error:
        job.status, job.error = ActorImport.Status.FAILED, str(error)
    else:
        job.status, job.report = ActorImport.Status.FINISHED, asdict(report)
        if report.written:
            job.content = b""
    job.save(update_fields=["status", "error", "report", "content"])
