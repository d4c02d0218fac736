import copy
import datetime
import json
import re
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

import articles
from articles.directory import (
    DirectoryError,
    directory_changed,
    directory_revision,
    entries,
    import_directory,
)
from articles.models import Alias, DirectoryRevision, Event, Organisation, Person, Region, Topic
from tests.factories import make_event, make_organisation, make_person

pytestmark = pytest.mark.django_db

SAMPLE = Path(articles.__file__).with_name("samples") / "directory.json"
KINDS = {
    "person": Person,
    "organisation": Organisation,
    "event": Event,
    "region": Region,
    "topic": Topic,
}


@pytest.fixture
def sample():
    return json.loads(SAMPLE.read_text(encoding="utf-8"))


def entry(data, key):
    return next(e for e in data["entries"] if e["id"] == key)


def counts():
    return {kind: model.objects.count() for kind, model in KINDS.items()}


def aliases(obj):
    return list(obj.aliases.values_list("name", flat=True))


def run(path, **options):
    """Run the command; return what it printed on stdout and on stderr."""
    out, err = StringIO(), StringIO()
    call_command("import_directory", str(path), stdout=out, stderr=err, **options)
    return out.getvalue(), err.getvalue()


def write(tmp_path, data, name="directory.json"):
    path = tmp_path / name
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return path


# --- importing ----------------------------------------------------------------------------


def test_the_sample_imports_twice_as_twenty_entities(sample):
    first = import_directory(sample)
    second = import_directory(sample)

    assert counts() == {"person": 3, "organisation": 7, "event": 1, "region": 5, "topic": 4}
    assert first.created == {"person": 3, "organisation": 7, "event": 1, "region": 5, "topic": 4}
    assert sum(first.updated.values()) == 0
    assert second.updated == first.created and sum(second.created.values()) == 0
    lavrov = Person.objects.get(directory_key="person:sergey-lavrov")
    assert lavrov.name == "Sergey Lavrov"
    assert aliases(lavrov) == [
        "Sergei Lavrov",
        "Sergey Viktorovich Lavrov",
        "Lavrov",
        "Сергей Лавров",
        "Лавров",
    ]
    assert lavrov.bio == "<p>Minister of Foreign Affairs of Russia since March 2004.</p>"
    assert lavrov.titles.count() == 4


def test_an_entry_brings_its_places_parents_and_dates(sample):
    import_directory(sample)

    unsc = Organisation.objects.get(directory_key="organisation:unsc")
    assert unsc.parent.directory_key == "organisation:un"
    kfu = Organisation.objects.get(directory_key="organisation:kfu")
    assert list(kfu.regions.names()) == ["Kazan"]
    forum = Event.objects.get(directory_key="event:kazanforum")
    assert forum.recurring and forum.start_date is None
    assert list(forum.regions.names()) == ["Kazan"]
    kazan = Region.objects.get(directory_key="region:kazan")
    assert [region.name for region in kazan.lineage()] == ["Russia", "Tatarstan", "Kazan"]
    assert kazan.description == "Capital of Tatarstan."
    minnikhanov = Person.objects.get(directory_key="person:rustam-minnikhanov")
    rais = minnikhanov.titles.get(title="Rais of Tatarstan")
    assert (rais.start_date, rais.end_date) == (datetime.date(2022, 12, 23), None)


def test_a_russian_or_arabic_alias_names_an_entity_in_that_language_if_nobody_has(sample):
    Organisation.objects.create(name="United Nations", name_ru="Организация Объединённых Наций")

    import_directory(sample)

    un = Organisation.objects.get(directory_key="organisation:un")
    assert un.name_ru == "Организация Объединённых Наций"  # kept: an editor named it
    assert un.name_ar == "الأمم المتحدة"
    oic = Organisation.objects.get(directory_key="organisation:oic")
    assert (oic.name_ru, oic.name_ar) == (
        "Организация исламского сотрудничества",
        "منظمة التعاون الإسلامي",
    )


def test_a_second_import_updates_names_aliases_and_titles(sample):
    import_directory(sample)
    lavrov = entry(sample, "person:sergey-lavrov")
    lavrov["name"] = "Sergei Lavrov"
    lavrov["aliases"] = ["Sergey Lavrov", "Sergei Lavrov", "Лавров"]
    lavrov["titles"] = [{"title": "Foreign Minister of Russia", "from": "2004-03-09", "to": None}]
    entry(sample, "region:kazan")["parent"] = "region:russia"
    entry(sample, "event:kazanforum")["recurring"] = False

    result = import_directory(sample)

    assert sum(result.created.values()) == 0
    person = Person.objects.get(directory_key="person:sergey-lavrov")
    assert person.name == "Sergei Lavrov"
    # The name is no alias of itself.
    assert aliases(person) == ["Sergey Lavrov", "Лавров"]
    assert list(person.titles.values_list("title", flat=True)) == ["Foreign Minister of Russia"]
    assert Region.objects.get(directory_key="region:kazan").parent.name == "Russia"
    assert not Event.objects.get(directory_key="event:kazanforum").recurring
    assert Alias.objects.filter(object_id=person.pk, name="Sergey Viktorovich Lavrov").count() == 0


def test_an_entity_made_by_hand_is_adopted_by_its_name(sample):
    by_hand = make_person(name="Sergey Lavrov", aliases=["S. Lavrov"])
    kazan = Region.objects.create(name="kazan")

    result = import_directory(sample)

    assert result.updated["person"] == 1 and result.updated["region"] == 1
    by_hand.refresh_from_db()
    assert by_hand.directory_key == "person:sergey-lavrov"
    assert "S. Lavrov" not in aliases(by_hand)
    kazan.refresh_from_db()
    assert (kazan.directory_key, kazan.name) == ("region:kazan", "Kazan")
    assert Person.objects.count() == 3


def test_an_entity_of_another_key_keeps_its_name(sample):
    Topic.objects.create(name="Trade", directory_key="topic:commerce")

    with pytest.raises(DirectoryError, match="entry topic:trade: the topic “Trade” is already"):
        import_directory(sample)


def test_regions_and_organisations_are_made_parents_first_whatever_the_order(sample):
    sample["entries"].reverse()

    import_directory(sample)

    assert Region.objects.get(name="Kazan").parent.name == "Tatarstan"
    assert Region.objects.get(name="Tatarstan").parent.name == "Russia"
    unsc = Organisation.objects.get(directory_key="organisation:unsc")
    assert unsc.parent.name == "United Nations"


def test_a_seat_in_neither_the_file_nor_the_database_is_left_out_with_a_warning(sample):
    result = import_directory(sample)

    assert result.warnings == [
        "entry organisation:oic: its region region:jeddah is neither in the file nor in the "
        "database; left out"
    ]
    oic = Organisation.objects.get(directory_key="organisation:oic")
    assert list(oic.regions.all()) == []

    Region.objects.create(name="Jeddah")  # made by hand: named by its slug, region:jeddah
    assert import_directory(sample).warnings == []
    assert list(oic.regions.names()) == ["Jeddah"]


def test_a_parent_in_the_database_is_found_by_its_key(sample):
    Region.objects.create(name="Saudi Arabia", directory_key="region:ksa")
    only = {"entries": [{"id": "region:jeddah", "kind": "region", "name": "Jeddah"}]}
    only["entries"][0]["parent"] = "region:ksa"

    import_directory(only)

    assert Region.objects.get(name="Jeddah").parent.name == "Saudi Arabia"


def change(key, **values):
    def mutate(data):
        entry(data, key).update(values)

    return mutate


def add(**raw):
    return lambda data: data["entries"].append(raw)


MALFORMED = {
    "no id": (lambda d: d["entries"][3].pop("id"), "entry #4: the id must be a string"),
    "bad id": (change("person:vladimir-putin", id="Vladimir Putin"), "entry #1: the id must"),
    "unknown kind": (
        add(id="place:kazan", kind="place", name="Kazan"),
        "entry place:kazan: unknown kind 'place'",
    ),
    "id of another kind": (
        change("region:kazan", kind="topic"),
        "entry region:kazan: the id of a topic must start with “topic:”",
    ),
    "no name": (change("topic:trade", name=" "), "entry topic:trade: the name must be"),
    "bad date": (
        change("person:sergey-lavrov", titles=[{"title": "Minister", "from": "2004-13-01"}]),
        "entry person:sergey-lavrov: the start of “Minister” must be a date like",
    ),
    "ends before it starts": (
        change(
            "person:sergey-lavrov",
            titles=[{"title": "Minister", "from": "2004-03-09", "to": "2004-03-08"}],
        ),
        "entry person:sergey-lavrov: “Minister” ends (2004-03-08) before it starts",
    ),
    "missing parent": (
        change("region:kazan", parent="region:volga"),
        "entry region:kazan: its parent region:volga is neither in the file nor in the",
    ),
    "parent of another kind": (
        change("organisation:unsc", parent="region:russia"),
        "entry organisation:unsc: the parent must be an id starting “organisation:” or null",
    ),
    "circle of parents": (
        change("region:russia", parent="region:kazan"),
        "entry region:russia: its parents lead back to it",
    ),
    "duplicate id": (
        add(id="topic:trade", kind="topic", name="Commerce"),
        "entry topic:trade: the id comes twice in the file",
    ),
    "duplicate name": (
        add(id="topic:trade-again", kind="topic", name="trade"),
        "entry topic:trade-again: topic:trade has the same name, “trade”",
    ),
    "alias not a string": (
        change("organisation:un", aliases=["UN", 1945]),
        "entry organisation:un: an alias must be a non-empty string, not 1945",
    ),
    "aliases not a list": (
        change("organisation:un", aliases="UN, ООН"),
        "entry organisation:un: aliases must be a list",
    ),
    "recurring not a boolean": (
        change("event:kazanforum", recurring="yes"),
        "entry event:kazanforum: recurring must be true or false",
    ),
    "name too long": (
        change("topic:trade", name="T" * 101),
        "entry topic:trade: the name is longer than 100 characters",
    ),
}


@pytest.mark.parametrize("case", MALFORMED)
def test_a_malformed_entry_is_refused_by_its_id_and_nothing_is_saved(sample, case):
    import_directory(copy.deepcopy(sample))
    entry(sample, "person:vladimir-putin")["name"] = "Vladimir V. Putin"  # a change lost
    before, revision = counts(), directory_revision()
    mutate, message = MALFORMED[case]
    mutate(sample)

    with pytest.raises(DirectoryError) as error:
        import_directory(sample)

    assert str(error.value).startswith(message), str(error.value)
    assert counts() == before
    assert Person.objects.filter(name="Vladimir Putin").exists()
    assert directory_revision() == revision


def test_fields_the_newsroom_does_not_keep_are_passed_over(sample):
    change("topic:trade", titles=[], wikidata="Q601401")(sample)
    entry(sample, "person:sergey-lavrov")["titles"][0]["source"] = "kremlin.ru"

    import_directory(sample)

    assert Topic.objects.get(directory_key="topic:trade").name == "Trade"
    assert Person.objects.get(directory_key="person:sergey-lavrov").titles.count() == 4


def test_two_people_of_one_name_are_two_entries(sample):
    add(id="person:sergey-lavrov-jr", kind="person", name="Sergey Lavrov")(sample)

    import_directory(sample)

    assert Person.objects.filter(name="Sergey Lavrov").count() == 2


def test_a_name_the_database_refuses_names_its_entry(sample):
    """Two regions may not share a Russian name: the one that cannot have it is named."""
    Region.objects.create(name="Muscovy", name_ru="Москва")

    with pytest.raises(DirectoryError, match="entry region:moscow: the database refused it"):
        import_directory(sample)
    assert Region.objects.count() == 1


@pytest.mark.parametrize(
    "data, message",
    [
        ([], 'the file must be a JSON object with a list of "entries"'),
        ({"entries": {}}, 'the file must be a JSON object with a list of "entries"'),
        ({"version": 2, "entries": []}, "version 2 is not one this newsroom reads"),
        ({"entries": ["person:putin"]}, "entry #1: an entry must be an object"),
    ],
)
def test_a_file_of_another_shape_is_refused(data, message):
    with pytest.raises(DirectoryError, match=message):
        import_directory(data)


# --- the command --------------------------------------------------------------------------


def test_the_command_prints_counts_and_warnings():
    out, err = run(SAMPLE)

    assert "person: 3 created, 0 updated" in out
    assert "topic: 4 created, 0 updated" in out
    assert "entry organisation:oic: its region region:jeddah is neither" in err
    assert "person: 0 created, 3 updated" in run(SAMPLE)[0]


def test_the_command_names_the_file_and_entry_at_fault(tmp_path, sample):
    entry(sample, "topic:trade")["aliases"] = ["trade", None]
    path = write(tmp_path, sample)

    with pytest.raises(CommandError) as error:
        run(path)

    assert str(error.value) == (
        f"{path}: entry topic:trade: an alias must be a non-empty string, not None "
        "(nothing was imported)"
    )
    assert counts() == dict.fromkeys(KINDS, 0)


@pytest.mark.parametrize(
    "text, message",
    [
        ('{"entries": [\n  {"id": "topic:trade",}\n]}', r"not JSON: .* at line 2, column 23"),
        ('["topic:trade"]', 'the file must be a JSON object with a list of "entries"'),
    ],
)
def test_the_command_refuses_a_file_that_is_not_a_directory(tmp_path, text, message):
    path = write(tmp_path, text)
    with pytest.raises(CommandError, match=rf"^{re.escape(str(path))}: {message}"):
        run(path)


def test_the_command_says_when_the_file_cannot_be_read(tmp_path):
    with pytest.raises(CommandError, match=r"nowhere\.json: No such file"):
        run(tmp_path / "nowhere.json")


# --- what the linker reads ----------------------------------------------------------------


def test_entries_give_every_name_of_every_entity(sample):
    import_directory(sample)
    by_hand = make_organisation(name="Bank of Russia", acronym="CBR", aliases=["Банк России"])

    found = {e.key: e for e in entries()}

    assert len(found) == 21
    lavrov = found["person:sergey-lavrov"]
    assert (lavrov.kind, lavrov.pk) == ("person", Person.objects.get(name="Sergey Lavrov").pk)
    # The name in every language first, then the aliases; each once.
    assert lavrov.names == (
        "Sergey Lavrov",
        "Сергей Лавров",
        "Sergei Lavrov",
        "Sergey Viktorovich Lavrov",
        "Lavrov",
        "Лавров",
    )
    assert ("Rais of Tatarstan", datetime.date(2022, 12, 23), None) in found[
        "person:rustam-minnikhanov"
    ].titles
    assert len(lavrov.titles) == 4 and found["topic:trade"].titles == ()
    oic = found["organisation:oic"]
    assert oic.names[:3] == (
        "Organisation of Islamic Cooperation",
        "Организация исламского сотрудничества",
        "منظمة التعاون الإسلامي",
    )
    assert "OIC" in oic.names and oic.names.count("OIC") == 1
    # One made by hand is keyed by its slug; its acronym is a name.
    assert found["organisation:bank-of-russia"].names == ("Bank of Russia", "Банк России", "CBR")
    assert found["organisation:bank-of-russia"].pk == by_hand.pk


@pytest.mark.parametrize("extra", [0, 30])
def test_entries_cost_a_fixed_number_of_queries(sample, extra, django_assert_num_queries):
    """People's titles, then per kind its aliases and its rows: eleven, however many."""
    import_directory(sample)
    for n in range(extra):
        person = make_person(name=f"Person {n}", aliases=[f"P{n}", f"П{n}"])
        person.titles.create(title=f"Envoy {n}")
        make_event(name=f"Forum {n}", aliases=[f"F{n}"])
    with django_assert_num_queries(11):
        assert len(list(entries())) == 20 + 2 * extra


# --- the revision -------------------------------------------------------------------------


def test_each_change_gives_the_revision_a_stamp_never_seen_before():
    DirectoryRevision.objects.all().delete()
    assert directory_revision() is None
    stamps = set()
    for _ in range(3):
        directory_changed()
        stamps.add(directory_revision())
    assert len(stamps) == 3 and None not in stamps


@pytest.mark.parametrize(
    "change",
    [
        lambda person: person.save(),
        lambda person: person.aliases.create(name="S. Lavrov"),
        lambda person: person.titles.create(title="Foreign Minister"),
        lambda person: person.aliases.all().delete(),
        lambda person: person.delete(),
        lambda person: Topic.objects.create(name="Diplomacy"),
        lambda person: Region.objects.create(name="Kazan"),
        lambda person: make_organisation(),
        lambda person: make_event(),
    ],
)
def test_any_change_to_a_name_bumps_the_revision(change):
    person = make_person(aliases=["Sergei Lavrov"])
    before = directory_revision()
    change(person)
    assert directory_revision() != before


def test_an_import_bumps_the_revision_once(sample):
    before = directory_revision()
    with CaptureQueriesContext(connection) as queries:
        import_directory(sample)
    table = DirectoryRevision._meta.db_table
    writes = [q["sql"] for q in queries if table in q["sql"] and "SELECT" not in q["sql"]]
    assert directory_revision() != before
    assert len(writes) == 1, writes
