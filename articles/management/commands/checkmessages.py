"""Fail when the interface's catalogues are behind the code: CI's "Translations are complete".

Runs `makemessages` as `make messages` does, on a copy of the catalogues, so the working
tree is left as it was, and fails when a language's catalogue then holds a message that
is untranslated or fuzzy (a string added or changed in the code, not yet translated), or
when a committed .mo file says something other than its .po file (`compilemessages` not
run since the last translation). `make messages` is the fix for the second, and for the
first after translating.
"""

import gettext
import shutil
import subprocess
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

# What `make messages` runs makemessages with; the Makefile says the same.
MAKEMESSAGES_OPTIONS = {"no_obsolete": True, "add_location": "file", "verbosity": 0}


def messages_of(mo_path):
    """A compiled catalogue's messages, as Python's gettext reads them, without the header
    (whose POT-Creation-Date changes with every run of makemessages)."""
    with open(mo_path, "rb") as mo:
        catalogue = gettext.GNUTranslations(mo)._catalog
    return {key: text for key, text in catalogue.items() if key != ""}


def compiled(po_path, scratch):
    mo_path = Path(scratch) / "compiled.mo"
    subprocess.run(["msgfmt", "--check-format", "-o", mo_path, po_path], check=True)
    return messages_of(mo_path)


def attribute(po_path, *flags):
    """The entries msgattrib selects (untranslated, fuzzy), as text; empty when none."""
    run = subprocess.run(
        ["msgattrib", *flags, "--no-obsolete", po_path],
        check=True,
        capture_output=True,
        text=True,
    )
    return run.stdout.strip()


class Command(BaseCommand):
    help = "Check that the interface's catalogues translate every string, and are compiled."

    def handle(self, *args, **options):
        locale = Path(settings.LOCALE_PATHS[0])
        languages = sorted(po.parts[-3] for po in locale.glob("*/LC_MESSAGES/django.po"))
        problems = []
        with tempfile.TemporaryDirectory() as scratch:
            kept = Path(scratch) / "locale"
            shutil.copytree(locale, kept)
            try:
                call_command("makemessages", locale=languages, **MAKEMESSAGES_OPTIONS)
                for code in languages:
                    po = locale / code / "LC_MESSAGES" / "django.po"
                    mo = kept / code / "LC_MESSAGES" / "django.mo"
                    for flag, said in (
                        ("--untranslated", "untranslated"),
                        ("--only-fuzzy", "fuzzy"),
                    ):
                        if entries := attribute(po, flag):
                            problems.append(f"{code}: {said} messages:\n{entries}")
                    if not mo.exists() or messages_of(mo) != compiled(po, scratch):
                        problems.append(f"{code}: {mo.relative_to(kept.parent)} is stale.")
            finally:
                # The working tree as it was: this command checks, `make messages` writes.
                shutil.rmtree(locale)
                shutil.copytree(kept, locale)
        if problems:
            raise CommandError(
                "\n\n".join(problems)
                + "\n\nRun `make messages`, translate what it leaves empty or fuzzy in "
                "locale/*/LC_MESSAGES/django.po, and run `make messages` again."
            )
        self.stdout.write(f"Catalogues complete and compiled: {', '.join(languages)}.")
