"""The authority directory (issue 15): imported from its JSON file, read by the linker.

The file (articles/samples/directory.json; LINKING.md, "The directory"):
`{"about", "version", "entries": [...]}`, each entry `{"id": "kind:slug", "kind", "name",
"aliases", "description"}`; regions add `parent`, organisations `parent` and `region` (their
seat), events `region` and `recurring`, people `titles` ({"title", "from", "to",
"approximate"}, ISO dates, `to` null while held).

`import_directory` creates or updates one entity per entry, all or nothing: an entry at
fault stops it, named with its problem, and nothing is saved. An entry's id is kept as
the entity's `directory_key`, so that importing again updates the entity instead of adding
another. Its aliases and titles replace the entity's own; its name is the default
language's; a Russian or Arabic alias names it in that language if nobody has.

`entries` hands the linker every entity of the database, in a handful of queries whatever
their number. `directory_revision` is a number every change to a name bumps, so that a
process knows when the automaton it built is out of date.
"""

import contextvars
import datetime
import re
import uuid
from collections import defaultdict
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.db.models.signals import post_delete, post_save
from django.utils.html import format_html
from modeltranslation.settings import DEFAULT_LANGUAGE
from modeltranslation.utils import build_localized_fieldname

from .importer import SCRIPTS
from .linking import KINDS, Entry
from .models import (
    Alias,
    DirectoryRevision,
    Event,
    Organisation,
    Person,
    Region,
    Title,
    Topic,
)
from .text import clean_name, columns_of, name_key

MODELS = {
    "person": Person,
    "organisation": Organisation,
    "event": Event,
    "region": Region,
    "topic": Topic,
}
KEY = re.compile(r"[a-z]+:\S+")
VERSION = 1
# Where an entry's description goes: people's is their bio.
DESCRIPTION_FIELDS = {"person": "bio"}
# Descriptions held as rich text, to which the file's plain text is a paragraph.
RICH_DESCRIPTIONS = {"person", "organisation", "event"}
# The order kinds are saved in: a region before what is seated in it, a tag before what
# carries it.
SAVE_ORDER = ("topic", "region", "organisation", "person", "event")
ALIAS_LENGTH = Alias._meta.get_field("name").max_length
TITLE_LENGTH = Title._meta.get_field("title").max_length


class DirectoryError(ValueError):
    """A directory file that cannot be imported: nothing is saved."""


class EntryError(DirectoryError):
    """An entry at fault, named by its id (or its place in the file if it has none)."""

    def __init__(self, entry, problem):
        self.entry = entry
        self.problem = problem
        super().__init__(f"entry {entry}: {problem}")


@dataclass
class DirectoryEntry:
    """One entry of the file, checked."""

    key: str
    kind: str
    name: str
    aliases: list[str]
    description: str | None = None
    titles: list[tuple[str, datetime.date | None, datetime.date | None, bool]] = field(
        default_factory=list
    )
    # Set only when the entry says (null for none): a parent the file leaves out is kept.
    parent: str | None = None
    parent_given: bool = False
    region: str | None = None
    recurring: bool | None = None


@dataclass
class ImportResult:
    """How many entities of each kind were created and updated, and what was left out."""

    created: dict[str, int] = field(default_factory=lambda: dict.fromkeys(KINDS, 0))
    updated: dict[str, int] = field(default_factory=lambda: dict.fromkeys(KINDS, 0))
    warnings: list[str] = field(default_factory=list)


# --- reading the file -------------------------------------------------------------------


def text(value, entry, what, *, max_length=None) -> str:
    """A non-empty name, cleaned as every name is stored (articles.text)."""
    if not isinstance(value, str) or not clean_name(value):
        raise EntryError(entry, f"{what} must be a non-empty string, not {value!r}")
    value = clean_name(value)
    if max_length and len(value) > max_length:
        raise EntryError(entry, f"{what} is longer than {max_length} characters: {value!r}")
    return value


def date(value, entry, what) -> datetime.date | None:
    if value is None:
        return None
    try:
        return datetime.date.fromisoformat(value)
    except (TypeError, ValueError):
        problem = f"{what} must be a date like 2024-05-14 or null, not {value!r}"
        raise EntryError(entry, problem) from None


def reference(value, entry, what, kind) -> str | None:
    """The id of another entry of `kind`, or None."""
    if value is None:
        return None
    if not isinstance(value, str) or not value.startswith(f"{kind}:") or not KEY.fullmatch(value):
        raise EntryError(entry, f"{what} must be an id starting “{kind}:” or null, not {value!r}")
    return value


def read_titles(value, entry) -> list:
    if not isinstance(value, list):
        raise EntryError(entry, f"titles must be a list, not {value!r}")
    titles = []
    for raw in value:
        if not isinstance(raw, dict):
            raise EntryError(entry, f"a title must be an object, not {raw!r}")
        title = text(raw.get("title"), entry, "a title", max_length=TITLE_LENGTH)
        start = date(raw.get("from"), entry, f"the start of “{title}”")
        end = date(raw.get("to"), entry, f"the end of “{title}”")
        if start and end and end < start:
            raise EntryError(entry, f"“{title}” ends ({end}) before it starts ({start})")
        approximate = raw.get("approximate", False)
        if not isinstance(approximate, bool):
            raise EntryError(entry, f"approximate must be true or false, not {approximate!r}")
        titles.append((title, start, end, approximate))
    return titles


def read_entry(raw, index) -> DirectoryEntry:
    """Check one entry of the file and return what it says. Fields the newsroom does not
    keep are passed over: a directory may say more of an entry than the linker reads."""
    label = f"#{index + 1}"
    if not isinstance(raw, dict):
        raise EntryError(label, "an entry must be an object")
    key = raw.get("id")
    if not isinstance(key, str) or not KEY.fullmatch(key):
        raise EntryError(label, f"the id must be a string like person:sergey-lavrov, not {key!r}")
    kind = raw.get("kind")
    if kind not in MODELS:
        raise EntryError(key, f"unknown kind {kind!r}: one of {', '.join(KINDS)}")
    if not key.startswith(f"{kind}:"):
        raise EntryError(key, f"the id of a {kind} must start with “{kind}:”")
    model = MODELS[kind]
    name_length = model._meta.get_field(build_localized_fieldname("name", DEFAULT_LANGUAGE))
    name = text(raw.get("name"), key, "the name", max_length=name_length.max_length)
    aliases = raw.get("aliases", [])
    if not isinstance(aliases, list):
        raise EntryError(key, f"aliases must be a list of names, not {aliases!r}")
    aliases = [text(alias, key, "an alias", max_length=ALIAS_LENGTH) for alias in aliases]
    entry = DirectoryEntry(
        key=key,
        kind=kind,
        name=name,
        # Each once, and not the name itself, which is the entity's name.
        aliases=[alias for alias in dict.fromkeys(aliases) if alias != name],
    )
    description = raw.get("description")
    if description is not None and not isinstance(description, str):
        raise EntryError(key, f"the description must be a string, not {description!r}")
    entry.description = description.strip() if description is not None else None
    if "titles" in raw:
        entry.titles = read_titles(raw["titles"], key)
    if "parent" in raw:
        entry.parent = reference(raw["parent"], key, "the parent", kind)
        entry.parent_given = True
        if entry.parent == key:
            raise EntryError(key, "it cannot be its own parent")
    if "region" in raw:
        entry.region = reference(raw["region"], key, "the region", "region")
    if "recurring" in raw:
        if not isinstance(raw["recurring"], bool):
            raise EntryError(key, f"recurring must be true or false, not {raw['recurring']!r}")
        entry.recurring = raw["recurring"]
    return entry


def read_directory(data) -> list[DirectoryEntry]:
    """Check the whole file: its shape, each entry, and that no id or name comes twice."""
    if not isinstance(data, dict) or not isinstance(data.get("entries"), list):
        raise DirectoryError('the file must be a JSON object with a list of "entries"')
    if data.get("version", VERSION) != VERSION:
        raise DirectoryError(f"version {data['version']!r} is not one this newsroom reads")
    entries, names = {}, {}
    for index, raw in enumerate(data["entries"]):
        entry = read_entry(raw, index)
        if entry.key in entries:
            raise EntryError(entry.key, "the id comes twice in the file")
        # Topics and regions are one per name in any letter case (articles.text); two
        # people, organisations or events may share a name, the keys telling them apart.
        name = (entry.kind, name_key(entry.name))
        if name in names and hasattr(MODELS[entry.kind], "name_key"):
            raise EntryError(entry.key, f"{names[name]} has the same name, “{entry.name}”")
        entries[entry.key] = entry
        names[name] = entry.key
    return list(entries.values())


def parents_first(entries: list[DirectoryEntry]) -> list[DirectoryEntry]:
    """The entries in an order where each comes after its parent in the file; refuse a
    circle of parents."""
    by_key = {entry.key: entry for entry in entries}
    ordered, placed = [], set()
    for entry in entries:
        chain = []
        while entry is not None and entry.key not in placed:
            if entry in chain:
                raise EntryError(entry.key, "its parents lead back to it")
            chain.append(entry)
            entry = by_key.get(entry.parent)
        for entry in reversed(chain):
            ordered.append(entry)
            placed.add(entry.key)
    return ordered


# --- saving it ----------------------------------------------------------------------------


def by_reference(model, keys) -> dict[str, object]:
    """The entities of `model` that `keys` name: by directory key, else, for one made by
    hand, the `kind:slug` that `entries` gives it."""
    kind = model._meta.model_name
    found = {obj.directory_key: obj for obj in model.objects.filter(directory_key__in=keys)}
    slugs = [key.split(":", 1)[1] for key in keys if key not in found]
    for obj in model.objects.filter(directory_key__isnull=True, slug__in=slugs):
        found[f"{kind}:{obj.slug}"] = obj
    return found


def existing(kind, entries) -> dict[str, object]:
    """The entities the entries of a kind update, by key."""
    model = MODELS[kind]
    keys = {entry.key for entry in entries}
    found = {obj.directory_key: obj for obj in model.objects.filter(directory_key__in=keys)}
    rest = [entry for entry in entries if entry.key not in found]
    if not rest:
        return found
    # An entity made by hand before the directory came has no key: the entry of its name
    # adopts it, instead of making a second one that the admin would refuse as taken.
    if hasattr(model, "name_key"):
        column, wanted = "name_key", {name_key(entry.name): entry for entry in rest}
    else:
        column = build_localized_fieldname("name", DEFAULT_LANGUAGE)
        wanted = {entry.name: entry for entry in rest}
    for obj in model.objects.filter(**{f"{column}__in": wanted}).order_by("pk"):
        entry = wanted.get(getattr(obj, column))
        # One of the file's own, renamed by its entry, leaves its old name to this one.
        if entry is None or obj.directory_key in keys:
            continue
        if obj.directory_key is not None and column != "name_key":
            # Another entry's namesake: this one is made anew.
            continue
        if obj.directory_key is not None:
            raise EntryError(
                entry.key,
                f"the {kind} “{entry.name}” is already in the directory as {obj.directory_key}",
            )
        found[entry.key] = obj
        del wanted[getattr(obj, column)]
    return found


def other_languages(model, aliases) -> dict[str, str]:
    """The name columns a Russian or Arabic alias fills, the first alias in that script."""
    names = {}
    columns = columns_of(model, "name")
    for alias in aliases:
        counts = {language: len(script.findall(alias)) for language, script in SCRIPTS.items()}
        language = max(counts, key=counts.get)
        column = build_localized_fieldname("name", language)
        if counts[language] and language != DEFAULT_LANGUAGE and column in columns:
            names.setdefault(column, alias)
    return names


def fill(obj, entry: DirectoryEntry, parents: dict) -> None:
    """Bring an entity to what its entry says."""
    model = type(obj)
    obj.directory_key = entry.key
    setattr(obj, build_localized_fieldname("name", DEFAULT_LANGUAGE), entry.name)
    for column, name in other_languages(model, entry.aliases).items():
        if not getattr(obj, column):
            setattr(obj, column, name)
    if entry.description is not None:
        description = entry.description
        if entry.kind in RICH_DESCRIPTIONS:
            description = format_html("<p>{}</p>", description) if description else ""
        column = DESCRIPTION_FIELDS.get(entry.kind, "description")
        setattr(obj, build_localized_fieldname(column, DEFAULT_LANGUAGE), description)
    if entry.parent_given:
        obj.parent = parents[entry.parent] if entry.parent else None
    if entry.recurring is not None:
        obj.recurring = entry.recurring


def refuse_circles(model, keys) -> None:
    """Refuse parents that now lead back to an entity: through the file and the database."""
    parent_of = dict(model.objects.values_list("pk", "parent_id"))
    for pk, key in keys.items():
        seen, current = set(), parent_of.get(pk)
        while current is not None and current not in seen:
            if current == pk:
                raise EntryError(key, "its parents lead back to it")
            seen.add(current)
            current = parent_of.get(current)


def replace_names(kind, saved: dict, entries: dict[str, DirectoryEntry]) -> None:
    """Give the saved entities of a kind their entries' aliases, and people their titles,
    instead of those they had."""
    model = MODELS[kind]
    aliases = Alias.objects.filter(
        content_type__app_label=model._meta.app_label,
        content_type__model=model._meta.model_name,
        object_id__in=[obj.pk for obj in saved.values()],
    )
    aliases.delete()
    Alias.objects.bulk_create(
        [
            Alias(entity=obj, name=alias)
            for key, obj in saved.items()
            for alias in entries[key].aliases
        ],
        batch_size=500,
    )
    if kind == "person":
        Title.objects.filter(person__in=list(saved.values())).delete()
        Title.objects.bulk_create(
            [
                Title(person=obj, title=title, start_date=start, end_date=end, approximate=rough)
                for key, obj in saved.items()
                for title, start, end, rough in entries[key].titles
            ],
            batch_size=500,
        )


def import_directory(data) -> ImportResult:
    """Create and update the entities a directory file lists (its JSON, parsed), all or
    nothing: raise DirectoryError, naming the entry at fault, and save nothing."""
    entries = {entry.key: entry for entry in read_directory(data)}
    by_kind = {kind: [] for kind in KINDS}
    for entry in entries.values():
        by_kind[entry.kind].append(entry)
    for kind in ("region", "organisation"):
        by_kind[kind] = parents_first(by_kind[kind])
    result = ImportResult()
    with transaction.atomic(), one_revision():
        # What a parent, a seat or an event's place may be: entities of the database the
        # file does not list, and each entity of the file once saved.
        known = {}
        for kind in ("region", "organisation"):
            wanted = {e.parent for e in by_kind[kind] if e.parent} - set(entries)
            known.update(by_reference(MODELS[kind], wanted))
            for entry in by_kind[kind]:
                if entry.parent and entry.parent not in entries and entry.parent not in known:
                    raise EntryError(
                        entry.key,
                        f"its parent {entry.parent} is neither in the file nor in the database",
                    )
        known.update(
            by_reference(Region, {e.region for e in entries.values() if e.region} - set(entries))
        )
        saving = None
        try:
            for kind in SAVE_ORDER:
                found = existing(kind, by_kind[kind])
                for entry in by_kind[kind]:
                    saving = entry.key
                    obj = found.get(entry.key) or MODELS[kind]()
                    counts = result.updated if obj.pk else result.created
                    fill(obj, entry, known)
                    obj.save()
                    counts[kind] += 1
                    known[entry.key] = obj
                saving = None
                replace_names(kind, {e.key: known[e.key] for e in by_kind[kind]}, entries)
            for entry in entries.values():
                if not entry.region:
                    continue
                saving = entry.key
                if entry.region not in known:
                    # A seat or a place left out loses little: the entity is worth having.
                    result.warnings.append(
                        f"entry {entry.key}: its region {entry.region} is neither in the file "
                        "nor in the database; left out"
                    )
                    continue
                known[entry.key].regions.add(known[entry.region])
        except IntegrityError as exc:
            raise EntryError(saving or "?", f"the database refused it: {exc}") from exc
        for kind in ("region", "organisation"):
            refuse_circles(
                MODELS[kind], {known[e.key].pk: e.key for e in by_kind[kind] if e.parent}
            )
    return result


# --- reading it for the linker ------------------------------------------------------------


def entries():
    """Every entity of the database as the linker knows it (articles.linking.Entry).

    A few queries in all, whatever the number of entities: per kind, its rows and its
    aliases; people's titles in one.
    """
    titles = defaultdict(list)
    for person, title, start, end in Title.objects.order_by(
        "person_id", "start_date", "pk"
    ).values_list("person_id", "title", "start_date", "end_date"):
        titles[person].append((title, start, end))
    for kind, model in MODELS.items():
        aliases = defaultdict(list)
        rows = Alias.objects.filter(
            content_type__app_label=model._meta.app_label,
            content_type__model=model._meta.model_name,
        )
        for object_id, name in rows.order_by("pk").values_list("object_id", "name"):
            aliases[object_id].append(name)
        name_columns = columns_of(model, "name")
        extra = ["acronym"] if model is Organisation else []
        fields = ["pk", "directory_key", "slug", *name_columns, *extra]
        for pk, key, slug, *values in model.objects.order_by("pk").values_list(*fields):
            languages, acronym = values[: len(name_columns)], values[len(name_columns) :]
            names = [*languages, *aliases.pop(pk, ()), *acronym]
            yield Entry(
                kind=kind,
                key=key or f"{kind}:{slug}",
                names=tuple(dict.fromkeys(name for name in names if name)),
                titles=tuple(titles.get(pk, ())) if model is Person else (),
                pk=pk,
            )


# --- the revision -------------------------------------------------------------------------

# The one row of DirectoryRevision.
REVISION = 1
# Set while a batch of changes counts as one revision (`one_revision`).
_batched = contextvars.ContextVar("directory_batched", default=False)


def directory_revision() -> uuid.UUID | None:
    """The stamp of the directory's names as they are now (None before any change)."""
    return DirectoryRevision.objects.filter(pk=REVISION).values_list("stamp", flat=True).first()


def directory_changed() -> None:
    """Note a change to the directory: every process's linker is out of date."""
    if _batched.get():
        return
    DirectoryRevision.objects.update_or_create(pk=REVISION, defaults={"stamp": uuid.uuid4()})


@contextmanager
def one_revision():
    """Count the changes made inside as one revision, made when they are done."""
    token = _batched.set(True)
    try:
        yield
    finally:
        _batched.reset(token)
    directory_changed()


def _changed(sender, **kwargs):
    directory_changed()


def connect_signals() -> None:
    """Bump the revision after any save or delete of what the linker reads, whatever the
    way in: the admin, an import, a script."""
    for model in [*MODELS.values(), Alias, Title]:
        for signal in (post_save, post_delete):
            signal.connect(
                _changed,
                sender=model,
                dispatch_uid=f"articles.directory.{model.__name__}.{signal}",
            )
