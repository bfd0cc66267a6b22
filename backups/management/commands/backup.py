from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from backups.services import backup_write
from core.errors import ApplicationError


class Command(BaseCommand):
    help = (
        "Write the whole instance (database and uploaded files, with a manifest) to "
        "one file. Safe while the site runs."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="The backup file to write.")

    def handle(self, *args, path, **options):
        target = Path(path).expanduser().resolve()
        try:
            manifest = backup_write(target=target)
        except ApplicationError as error:
            raise CommandError(error.message) from error
        rows = sum(manifest["counts"].values())
        self.stdout.write(
            f"Backed up {rows} rows in {len(manifest['counts'])} tables, and the "
            f"uploaded files, to {target}."
        )
