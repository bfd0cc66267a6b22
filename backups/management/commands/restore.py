from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from backups.services import backup_restore
from core.errors import ApplicationError


class Command(BaseCommand):
    help = (
        "Bring a backup made by `backup` into this instance, which must be empty "
        "(no accounts) unless --replace is given. Run `migrate` afterwards when the "
        "backup comes from an older version."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="The backup file to restore.")
        parser.add_argument(
            "--replace",
            action="store_true",
            help="Overwrite an instance that already has accounts.",
        )

    def handle(self, *args, path, replace, **options):
        try:
            manifest = backup_restore(
                source=Path(path).expanduser().resolve(), replace=replace
            )
        except ApplicationError as error:
            raise CommandError(error.message) from error
        rows = sum(manifest["counts"].values())
        self.stdout.write(
            f"Restored {rows} rows in {len(manifest['counts'])} tables and "
            f"{manifest['media_restored']} uploaded file(s), backed up "
            f"{manifest['created_at']} by Mockloop {manifest['mockloop_version']}. "
            "Run `python manage.py migrate` if this version is newer."
        )
