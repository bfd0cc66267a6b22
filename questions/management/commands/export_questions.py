from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from core.errors import ApplicationError
from questions.importers.export import export_bank


class Command(BaseCommand):
    help = (
        "Export the question bank in the Mockloop bank format: to a folder (one file "
        "per source, plus topics.yaml), or to one .yaml, .yml or .json file."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, help="A folder, or a file to write.")
        parser.add_argument("--source", help="Only what came from this source slug.")

    def handle(self, *args, path: Path, source: str | None, **options):
        try:
            written = export_bank(path=path, source_slug=source)
        except ApplicationError as error:
            raise CommandError(error.message) from error
        for file in written:
            self.stdout.write(f"Wrote {file}")
