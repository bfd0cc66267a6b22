from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from questions.importers import ImportRefused, import_path


class Command(BaseCommand):
    help = (
        "Import questions from a Mockloop bank file (YAML or JSON), a community "
        "company list, the NeetCode or Grind 75 lists, or a folder or .zip of them. "
        "The format is told from each file; running it twice changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, help="A file, a folder or a .zip.")

    def handle(self, *args, path: Path, **options):
        try:
            report = import_path(path)
        except ImportRefused as error:
            raise CommandError(
                f"Refused; nothing was imported. {error.message}"
            ) from error
        for line in report.lines():
            self.stdout.write(line)
