import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from articles.directory import DirectoryError, import_directory


class Command(BaseCommand):
    help = (
        "Import the authority directory from its JSON file (see the README, “Directory”): "
        "people, organisations, events, regions and topics, with their aliases and titles. "
        "An entry imported before is updated. All or nothing: one malformed entry and "
        "nothing is saved."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, metavar="FILE.json")

    def handle(self, *args, file, verbosity, **options):
        try:
            data = json.loads(file.read_text(encoding="utf-8"))
        except OSError as exc:
            raise CommandError(f"{file}: {exc.strerror}") from exc
        except UnicodeDecodeError as exc:
            raise CommandError(f"{file}: not UTF-8 text ({exc.reason})") from exc
        except json.JSONDecodeError as exc:
            raise CommandError(
                f"{file}: not JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}"
            ) from exc
        try:
            result = import_directory(data)
        except DirectoryError as exc:
            raise CommandError(f"{file}: {exc} (nothing was imported)") from exc
        for warning in result.warnings:
            self.stderr.write(self.style.WARNING(f"{file}: {warning}"))
        if verbosity >= 1:
            for kind in result.created:
                self.stdout.write(
                    f"{kind}: {result.created[kind]} created, {result.updated[kind]} updated"
                )
