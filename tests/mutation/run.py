"""`make mutation`: break the code one small way at a time and see whether a test notices.

Each mutant changes one spot of a module: a comparison flipped (== and !=, < and >=,
> and <=) or moved off by one (< and <=, > and >=), `and` swapped with `or`, a `not`
dropped, the `raise` under an `if` replaced by `pass`, one argument dropped from a
`.filter()` or `.exclude()`, True swapped with False, a whole number moved by one. The
module is rewritten with the mutant, its tests run (`pytest -x` on SQLite, the file that
killed the last mutant first) and the original is put back, also on Ctrl-C. A mutant is
killed when the tests fail; the ones that survive are printed with their place and change,
so that a developer can write the test that was missing.

    .venv/bin/python tests/mutation/run.py                      # every module below
    .venv/bin/python tests/mutation/run.py articles/importer.py # one
    .venv/bin/python tests/mutation/run.py --list articles/views.py

Not collected by pytest (no test_ prefix) and never part of `make test` or CI: it runs the
chosen tests once per mutant, serially, which takes minutes.
"""

import argparse
import ast
import dataclasses
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# The visibility querysets: what readers may see, decided on the models.
QUERYSETS = [
    "ArticleQuerySet",
    "EventQuerySet",
    "OrganisationQuerySet",
    "PersonQuerySet",
    "RegionQuerySet",
    "ShareLinkQuerySet",
    "TaggedQuerySet",
    "VocabularyQuerySet",
]
VISIBILITY_TESTS = [
    "tests/articles/models",
    "tests/articles/test_views.py",
    "tests/articles/test_pages.py",
    "tests/articles/test_front_page.py",
    "tests/articles/test_preview.py",
    "tests/articles/test_public_surfaces.py",
    "tests/articles/test_search.py",
    "tests/articles/test_editor_toolbar.py",
]

# How old a related story is, in best_related(): its scale is tuning.
AGE = "max((now - candidate.published_at).total_seconds(), 0)"

# module: its tests (most likely killer first); `scope`, when given, limits the mutants to
# these classes or functions; `equivalent` names mutants that change no behaviour, each by
# "function: `before` → `after`" as printed, with the reason; `tuning` names those that
# only move a performance bound; `postgresql` those only PostgreSQL's tests can kill, which
# count only when DATABASE_URL points at PostgreSQL. None of these counts otherwise.
MODULES = {
    "articles/workflow.py": {
        "tests": [
            "tests/articles/test_workflow.py",
            "tests/articles/test_versions.py",
            "tests/articles/test_pages.py",
            "tests/articles/test_front_page.py",
            "tests/articles/test_preview.py",
            "tests/articles/admin/test_articles.py",
        ],
        "equivalent": {
            "<module>: `a.published_at <= now` → `a.published_at < now`": (
                "expired: an article comes down after it goes up (check_publish), so one"
                " that went up this instant is not down yet either way"
            ),
            "<module>: `published_at__lte=now` → `published_at__lt=now`": (
                "expired, in SQL: the same reason as its Python side"
            ),
            "submit_applies_on_save: `saved.revision += 1` → `saved.revision += 2`": (
                "the checks ask only whether the saved article has a newer version than the"
                " live one, or any: one more or two more alike"
            ),
            (
                "mark_live: `article.status == Status.PUBLISHED and"
                " article.has_unpublished_changes` → `article.status == Status.PUBLISHED or"
                " article.has_unpublished_changes`"
            ): (
                "a draft or unpublished article already holds its newest version on its row"
                " (_save_version and restore apply it): applying it again writes the same"
            ),
        },
    },
    "articles/versions.py": {
        "tests": [
            "tests/articles/test_versions.py",
            "tests/articles/test_workflow.py",
            "tests/articles/test_preview.py",
            "tests/articles/admin/test_articles.py",
        ],
        "equivalent": {
            'slug_holder: `others.filter(revision__gt=F("live_revision"))` → `others.filter()`': (
                "an article whose newest version is live (or a draft, or unpublished) has"
                " that version's slug on its row, which the first lookup already found"
            ),
            "slug_holder: `revision__gt=F(\"live_revision\")` → `revision__gte=F('live_revision')`": (
                "the same: at revision == live_revision the newest slug is the row's"
            ),
            "changes: `model.objects.filter(pk__in=ids)` → `model.objects.filter()`": (
                "names of other rows are read too, but only the ids in the versions are shown"
            ),
        },
    },
    "articles/importer.py": {
        "tests": ["tests/articles/test_importer.py"],
        "equivalent": {
            "parse_press_release: `last_line > dateline_line` → `last_line >= dateline_line`": (
                "the last line is the dateline only when nothing follows it, and a line that"
                " reads as a date never reads as a photo credit"
            ),
        },
    },
    "articles/directory.py": {"tests": ["tests/articles/test_directory.py"]},
    "articles/models/events.py": {
        "tests": VISIBILITY_TESTS,
        "scope": [*QUERYSETS, "Event.is_upcoming"],
    },
    "articles/models/tags.py": {"tests": VISIBILITY_TESTS, "scope": QUERYSETS},
    "articles/models/people.py": {"tests": VISIBILITY_TESTS, "scope": QUERYSETS},
    "articles/models/versions.py": {"tests": VISIBILITY_TESTS, "scope": QUERYSETS},
    "articles/views.py": {"tests": VISIBILITY_TESTS},
    # The reader querysets: which articles a page lists, and the bounds kept for speed.
    "articles/models/articles.py": {
        "tests": VISIBILITY_TESTS,
        "scope": QUERYSETS,
        "equivalent": {
            "ArticleQuerySet.about: `len(kind.about) > 1` → `len(kind.about) >= 1`": (
                "a subquery for a kind with one link table too: the same rows, each once"
            ),
            "ArticleQuerySet.about: `len(kind.about) > 1` → `len(kind.about) > 0`": (
                "the same: every kind has at least one link table"
            ),
            "ArticleQuerySet.sent_back_to: `self.filter(submitted_at__isnull=True)` → `self.filter()`": (
                "submitting logs a turn: an article in review never has a send-back as its last"
            ),
            "ArticleQuerySet.published_today: `now or timezone.now()` → `now and timezone.now()`": (
                "None is the present instant to localtime() and in_state() alike"
            ),
        },
        "postgresql": {
            "ArticleQuerySet.corrections_to_review_by: `:1` → `:2`": (
                "SQLite reads a subquery's first row; PostgreSQL refuses two"
            ),
            (
                "ArticleQuerySet.matching: `found.alias("
                " search_vector=fulltext.StoredVector(self.model._meta.db_table)"
                " ).filter(search_vector=fulltext.search_query(query, language))` → `found.alias("
                "search_vector=fulltext.StoredVector(self.model._meta.db_table)).filter()`"
            ): "PostgreSQL's search: killed with DATABASE_URL set, never on SQLite",
        },
        "tuning": {
            f"best_related.weight: `{before}` → `{after}`": "a recency weight's scale"
            for before, after in [
                (AGE, AGE.replace(", 0)", ", 1)")),
                (f"{AGE} / 86400", f"{AGE} / 86401"),
                (f"{AGE} / 86400", f"{AGE} / 86399"),
                ("age_days / 30", "age_days / 31"),
                ("age_days / 30", "age_days / 29"),
            ]
        },
    },
}

NEGATED = {
    ast.Eq: ast.NotEq,
    ast.NotEq: ast.Eq,
    ast.Lt: ast.GtE,
    ast.GtE: ast.Lt,
    ast.Gt: ast.LtE,
    ast.LtE: ast.Gt,
    ast.Is: ast.IsNot,
    ast.IsNot: ast.Is,
    ast.In: ast.NotIn,
    ast.NotIn: ast.In,
}
# Off by one: the limit itself let through, or refused.
BOUNDARY = {ast.Lt: ast.LtE, ast.LtE: ast.Lt, ast.Gt: ast.GtE, ast.GtE: ast.Gt}
LOOKUP_BOUNDARY = {"lt": "lte", "lte": "lt", "gt": "gte", "gte": "gt"}


@dataclasses.dataclass
class Mutant:
    line: int
    start: int  # byte offsets of the replaced source
    end: int
    replacement: str
    function: str
    before: str  # the source around the change, before and after it
    after: str
    expression: bool  # parenthesised in place, it stays one expression over several lines

    @property
    def key(self):
        return f"{self.function or '<module>'}: `{self.before}` → `{self.after}`"


class Finder(ast.NodeVisitor):
    """Collect the mutants of a module, in source order, with the function they are in."""

    def __init__(self, source: bytes, scope):
        self.source = source
        self.scope = scope
        self.lines = [0]
        for line in source.splitlines(keepends=True):
            self.lines.append(self.lines[-1] + len(line))
        self.path = []
        self.stack = []
        self.mutants = []

    def visit(self, node):
        self.stack.append(node)
        super().visit(node)
        self.stack.pop()

    def offsets(self, node):
        return (
            self.lines[node.lineno - 1] + node.col_offset,
            self.lines[node.end_lineno - 1] + node.end_col_offset,
        )

    def text(self, node):
        start, end = self.offsets(node)
        return " ".join(self.source[start:end].decode().split())

    def in_scope(self):
        name = ".".join(self.path)
        return self.scope is None or any(name == s or name.startswith(s + ".") for s in self.scope)

    def add(self, node, replacement, shown=None):
        """Add the mutant replacing node's source; shown is the node around it to print."""
        if not self.in_scope():
            return
        start, end = self.offsets(node)
        shown = shown or node
        around, around_end = self.offsets(shown)
        before = self.source[around:around_end]
        after = before[: start - around] + replacement.encode() + before[end - around :]
        self.mutants.append(
            Mutant(
                node.lineno,
                start,
                end,
                replacement,
                ".".join(self.path),
                " ".join(before.decode().split()),
                " ".join(after.decode().split()),
                isinstance(node, ast.expr),
            )
        )

    def context(self):
        """Return the nearest enclosing expression, keyword or statement, to print a number."""
        for node in reversed(self.stack[:-1]):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                break  # a default value
            if isinstance(node, ast.keyword | ast.stmt) or (
                isinstance(node, ast.expr) and not isinstance(node, ast.UnaryOp)
            ):
                return node
        return self.stack[-1]

    def expression(self, node, new):
        """Add the mutant that replaces node by the expression new."""
        self.add(node, ast.unparse(new))

    def scoped(self, node):
        self.path.append(node.name)
        # Decorators and defaults belong to the enclosing scope; annotations are not run.
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.arguments):
                for arg in [*child.posonlyargs, *child.args, *child.kwonlyargs]:
                    arg.annotation = None
                for default in [*child.defaults, *child.kw_defaults]:
                    if default is not None:
                        self.visit(default)
            elif child is not getattr(node, "returns", None) and child not in getattr(
                node, "decorator_list", []
            ):
                self.visit(child)
        self.path.pop()

    visit_FunctionDef = visit_AsyncFunctionDef = visit_ClassDef = scoped

    def visit_AnnAssign(self, node):
        if node.value is not None:
            self.visit(node.value)

    def visit_Compare(self, node):
        for index, op in enumerate(node.ops):
            for table in (NEGATED, BOUNDARY):
                if type(op) in table:
                    ops = list(node.ops)
                    ops[index] = table[type(op)]()
                    self.expression(node, ast.Compare(node.left, ops, node.comparators))
        self.generic_visit(node)

    def visit_BoolOp(self, node):
        other = ast.Or() if isinstance(node.op, ast.And) else ast.And()
        self.expression(node, ast.BoolOp(other, node.values))
        self.generic_visit(node)

    def visit_UnaryOp(self, node):
        if isinstance(node.op, ast.Not):
            self.add(node, f"({ast.unparse(node.operand)})")
        self.generic_visit(node)

    def visit_If(self, node):
        for statement in node.body:
            if isinstance(statement, ast.Raise):
                self.add(statement, "pass")
        self.generic_visit(node)

    def visit_Call(self, node):
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
        if name in ("filter", "exclude", "Q"):
            for keyword in node.keywords:
                lookup = (keyword.arg or "").rpartition("__")
                if lookup[1] and lookup[2] in LOOKUP_BOUNDARY:
                    arg = f"{lookup[0]}__{LOOKUP_BOUNDARY[lookup[2]]}"
                    self.add(keyword, f"{arg}={ast.unparse(keyword.value)}")
        if name in ("filter", "exclude"):
            for index in range(len(node.args)):
                args = node.args[:index] + node.args[index + 1 :]
                self.expression(node, ast.Call(func, args, node.keywords))
            for index in range(len(node.keywords)):
                keywords = node.keywords[:index] + node.keywords[index + 1 :]
                self.expression(node, ast.Call(func, node.args, keywords))
        self.generic_visit(node)

    def visit_Constant(self, node):
        if isinstance(node.value, bool):
            self.add(node, str(not node.value), self.context())
        elif isinstance(node.value, int):
            self.add(node, str(node.value + 1), self.context())
            if node.value > 0:
                self.add(node, str(node.value - 1), self.context())


def find_mutants(path: Path, scope=None) -> list[Mutant]:
    source = path.read_bytes()
    finder = Finder(source, scope)
    finder.visit(ast.parse(source))
    return sorted(finder.mutants, key=lambda mutant: mutant.start)


def mutated(source: bytes, mutant: Mutant) -> bytes:
    after = f"({mutant.replacement})" if mutant.expression else mutant.replacement
    return source[: mutant.start] + after.encode() + source[mutant.end :]


class Tests:
    """Run a module's tests; the file that killed the last mutant goes first."""

    def __init__(self, files, timeout=None):
        self.files = list(files)
        self.timeout = timeout
        env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}  # SQLite
        # Never cache bytecode compiled from a mutant.
        self.env = {**env, "PYTHONDONTWRITEBYTECODE": "1"}

    def run(self) -> tuple[bool, str]:
        """Return whether the tests pass, and the output."""
        command = [sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider"]
        process = subprocess.Popen(
            [*command, *self.files],
            cwd=ROOT,
            env=self.env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            start_new_session=True,
        )
        try:
            output, _ = process.communicate(timeout=self.timeout)
        except subprocess.TimeoutExpired:
            return False, "timed out"
        finally:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
        failed = re.search(r"^(?:FAILED|ERROR) (tests/[^:\s]+)", output, re.MULTILINE)
        if failed:
            killer = next((f for f in self.files if failed.group(1).startswith(f)), None)
            if killer:
                self.files.remove(killer)
                self.files.insert(0, killer)
        return process.returncode == 0, output


def mutate_module(name: str, config: dict, *, verbose=False) -> dict:
    path = ROOT / name
    mutants = find_mutants(path, config.get("scope"))
    unscored = {**config.get("equivalent", {}), **config.get("tuning", {})}
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        unscored |= config.get("postgresql", {})
    tests = Tests(config["tests"])
    started = time.monotonic()
    passed, output = tests.run()
    if not passed:
        sys.exit(f"The tests of {name} fail before any mutation:\n{output}")
    # A mutant that loops forever is killed by the clock.
    tests.timeout = max(60, 5 * (time.monotonic() - started))

    original = path.read_bytes()
    stat = path.stat()
    killed, survived, skipped = [], [], []
    print(f"{name}: {len(mutants)} mutants; tests: {' '.join(config['tests'])}", flush=True)
    try:
        for number, mutant in enumerate(mutants, start=1):
            if mutant.key in unscored:
                skipped.append(mutant)
                continue
            path.write_bytes(mutated(original, mutant))
            passed, _ = tests.run()
            (survived if passed else killed).append(mutant)
            if verbose or passed:
                verdict = "SURVIVED" if passed else "killed"
                print(f"  [{number}/{len(mutants)}] {verdict} {name}:{mutant.line} {mutant.key}")
    finally:
        path.write_bytes(original)
        # The original's timestamp back: its cached bytecode stays valid.
        os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    return {"module": name, "killed": killed, "survived": survived, "unscored": skipped}


def score(result):
    counted = len(result["killed"]) + len(result["survived"])
    return 100 * len(result["killed"]) / counted if counted else 100.0


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("modules", nargs="*", help="paths as in MODULES (default: all)")
    parser.add_argument("--list", action="store_true", help="print the mutants, run nothing")
    parser.add_argument("-v", "--verbose", action="store_true", help="print every mutant")
    args = parser.parse_args(argv)
    names = args.modules or list(MODULES)
    unknown = [name for name in names if name not in MODULES]
    if unknown:
        parser.error(f"not configured: {', '.join(unknown)}; choose from {', '.join(MODULES)}")

    if args.list:
        for name in names:
            for mutant in find_mutants(ROOT / name, MODULES[name].get("scope")):
                print(f"{name}:{mutant.line} {mutant.key}")
        return
    # Ctrl-C and kill both unwind through the finally that restores the module.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    results = [mutate_module(name, MODULES[name], verbose=args.verbose) for name in names]

    print("\nScore (killed / mutants that change behaviour):")
    for result in results:
        print(
            f"  {result['module']}: {score(result):.0f}% ({len(result['killed'])} killed,"
            f" {len(result['survived'])} survived, {len(result['unscored'])} equivalent or tuning)"
        )
    survivors = [(r["module"], m) for r in results for m in r["survived"]]
    if survivors:
        print("\nSurvivors (write the test that kills each, or mark it equivalent with why):")
        for module, mutant in survivors:
            print(f"  {module}:{mutant.line} {mutant.key}")


if __name__ == "__main__":
    main()
