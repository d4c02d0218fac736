"""Django's makemessages, reading the public site's Jinja2 templates as Jinja2.

Django's own command runs every .html and .txt file through templatize(), which reads it
as a Django template: it finds `{{ _("x") }}` but not `_("%(n)s items", n=x)` (newstyle
gettext's keyword arguments), nor `{% trans %}` blocks, nor ngettext. So a template under a
jinja2/ folder is parsed by Jinja2's own extractor instead (jinja2.ext.babel_extract, which
ships with Jinja2 and needs no Babel), and each message it finds is written, on its own
line number, as a gettext() or ngettext() call in the Python that xgettext reads in place
of the template: the same step templatize() takes for Django templates, so locations,
python-format flags and everything after it (msguniq, msgmerge) stay Django's.
"""

import os

from django.core.management.commands import makemessages
from jinja2.ext import babel_extract

# Not the site's: test fixtures, benchmarks, the docs' scripts.
IGNORED = ["tests", "bench", "docs"]


def jinja2_as_python(path):
    """The gettext calls in a Jinja2 template, each on the template's line, as Python."""
    lines = {}
    with open(path, "rb") as template:
        found = babel_extract(
            template,
            keywords=("_", "gettext", "ngettext"),
            comment_tags=(),
            options={"newstyle_gettext": "true", "silent": "false", "trimmed": "true"},
        )
        for lineno, function, message, _comments in found:
            # Newstyle calls carry their keyword arguments as None: keep the strings.
            strings = message if isinstance(message, tuple) else (message,)
            if function == "ngettext":
                call = f"ngettext({strings[0]!r}, {strings[1]!r}, n)"
            else:
                call = f"gettext({strings[0]!r})"
            lines.setdefault(lineno, []).append(call)
    last = max(lines, default=0)
    return "".join("; ".join(lines.get(number, [])) + "\n" for number in range(1, last + 1))


class BuildFile(makemessages.BuildFile):
    @property
    def is_jinja2(self):
        return "jinja2" in os.path.normpath(self.translatable.dirpath).split(os.sep)

    def preprocess(self):
        if not (self.is_templatized and self.is_jinja2):
            return super().preprocess()
        with open(self.work_path, "w", encoding="utf-8") as python:
            python.write(jinja2_as_python(self.path))


class Command(makemessages.Command):
    build_file_class = BuildFile

    def handle(self, *args, **options):
        options["ignore_patterns"] = [*options["ignore_patterns"], *IGNORED]
        return super().handle(*args, **options)
