from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from articles.importer import ImportRefused, import_press_releases


def plural(count, word):
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


class Command(BaseCommand):
    help = (
        "Import plain-text press releases (UTF-8) as draft articles, each in the language "
        "its script says unless --language names it. All or nothing: one malformed file "
        "and nothing is saved. Files imported before are skipped."
    )

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", type=Path, metavar="FILE")
        parser.add_argument(
            "--language", default="", help="The language of every file: en, ru or ar."
        )
        parser.add_argument(
            "--translation-of",
            metavar="FILE_OR_SLUG",
            help="Import translations of this article: the file it was imported from, or "
            "its slug.",
        )
        parser.add_argument(
            "--link",
            action="store_true",
            help="Link every entity the linker suggests, without an editor's click: for "
            "importing a back catalogue. Without it the suggestions wait on each article's "
            "page in the admin.",
        )

    def handle(self, *args, files, verbosity, language, translation_of, link, **options):
        try:
            result = import_press_releases(
                files,
                language=language,
                translation_of=translation_of,
                link=link,
                progress=self.show_progress if verbosity >= 1 else None,
            )
        except ImportRefused as exc:
            raise CommandError(f"{exc} (nothing was imported)") from exc
        if verbosity >= 2:
            for name, article in result.imported:
                self.stdout.write(f"Imported {name} as “{article.headline}”")
            for name, article in result.skipped:
                self.stdout.write(f"Skipped {name}: already imported as “{article.headline}”")
        if verbosity >= 1:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Imported {plural(len(result.imported), 'article')}, "
                    f"skipped {len(result.skipped)} already imported."
                )
            )

    def show_progress(self, stage, done, total):
        self.stdout.write(f"{stage.capitalize()} {done} of {plural(total, 'file')}…")
