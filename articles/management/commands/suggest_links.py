import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from articles.importer import ImportRefused, read_press_release
from articles.linking import KINDS, Segment, by_kind, directory_linker, segments_of


class Command(BaseCommand):
    help = (
        "Show what the linker finds in press releases (the importer's format; nothing is "
        "saved): per file, the directory's people, organisations, events, regions and "
        "topics each mentions, with the words that show it. --json prints "
        '{"<file name>": {"<kind>": {"<directory id>": ["<words>", ...]}}}.'
    )

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", type=Path, metavar="FILE")
        parser.add_argument("--json", action="store_true", dest="as_json", help="Print JSON.")

    def handle(self, *args, files, as_json, **options):
        found = {}
        for path in files:
            try:
                release = read_press_release(path)
            except ImportRefused as exc:
                raise CommandError(str(exc)) from exc
            article = release.as_article()
            # The credit of a photo the release names and the article has none of.
            segments = [
                Segment("hero_credit", release.hero_credit) if s.field == "hero_credit" else s
                for s in segments_of(article)
            ]
            found[path.name] = directory_linker().link(segments, article.dateline)
        if as_json:
            self.print_json(found)
        else:
            self.print_text(found)

    def print_json(self, found):
        self.stdout.write(
            json.dumps(
                {name: by_kind(mentions) for name, mentions in found.items()},
                ensure_ascii=False,
                indent=1,
            )
        )

    def print_text(self, found):
        for name, mentions in found.items():
            self.stdout.write(self.style.MIGRATE_HEADING(name))
            if not mentions:
                self.stdout.write("  (nothing from the directory)")
            for mention in sorted(mentions, key=lambda mention: KINDS.index(mention.entry.kind)):
                entry = mention.entry
                self.stdout.write(
                    f"  {entry.kind:<12} {entry.names[0]} ({entry.key}): "
                    + ", ".join(f"“{words}”" for words in mention.words)
                )
