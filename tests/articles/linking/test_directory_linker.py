"""The linker over the database's directory: `suggest_links` on press-release files, and
the automaton each process keeps until the directory changes."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from articles import linking
from articles.directory import directory_changed, import_directory
from articles.models import Alias, Region
from tests.factories import make_person

from .corpus import RELEASES, SAMPLE, SAMPLE_DIRECTORY

pytestmark = pytest.mark.django_db


@pytest.fixture
def sample_directory():
    import_directory(json.loads(SAMPLE_DIRECTORY.read_text(encoding="utf-8")))


def suggest(*files, **options):
    out = StringIO()
    call_command("suggest_links", *map(str, files), stdout=out, **options)
    return out.getvalue()


def test_suggest_links_prints_the_samples_links_exactly(sample_directory):
    printed = json.loads(suggest(SAMPLE, json=True))

    assert printed == json.loads(SAMPLE.with_suffix(".links.json").read_text(encoding="utf-8"))


def test_suggest_links_prints_every_kind_for_every_file(sample_directory):
    files = RELEASES[:3]

    printed = json.loads(suggest(*files, json=True))

    assert list(printed) == [path.name for path in files]
    for found in printed.values():
        assert list(found) == list(linking.KINDS)


def test_suggest_links_reads_aloud_by_kind(sample_directory):
    printed = suggest(SAMPLE)

    assert (
        "person       Sergey Lavrov (person:sergey-lavrov): “Lavrov”, “Sergey Lavrov”" in printed
    )
    assert printed.index("person ") < printed.index("organisation ") < printed.index("topic ")


def test_suggest_links_names_the_file_and_line_at_fault(tmp_path, sample_directory):
    broken = tmp_path / "broken.txt"
    broken.write_text("A headline\n\nnot a date\n\nBody.\n", encoding="utf-8")

    with pytest.raises(CommandError, match=r"broken.txt, line 3: \"not a date\" is not a date"):
        suggest(broken, json=True)


def test_the_automaton_is_kept_until_the_directory_changes(
    sample_directory, django_assert_num_queries
):
    first = linking.directory_linker()
    with django_assert_num_queries(1):
        assert linking.directory_linker() is first

    person = make_person(name="Maria Zakharova")
    Alias.objects.create(entity=person, name="Захарова")
    rebuilt = linking.directory_linker()

    assert rebuilt is not first
    assert "person:maria-zakharova" in {entry.key for entry in rebuilt.entries}


def test_a_change_made_elsewhere_reaches_this_process(sample_directory):
    """Another process's save bumps the revision row this one reads."""
    linking.directory_linker()
    Region.objects.filter(directory_key="region:kazan").update(name_en="Qazan")
    directory_changed()

    keys = {entry.key: entry.names for entry in linking.directory_linker().entries}
    assert keys["region:kazan"][0] == "Qazan"
