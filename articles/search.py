"""Search over published articles, people, organisations and events.

A search on an edition finds that edition's articles, the query read in its language.
On PostgreSQL, articles match the stored, GIN-indexed `search_vector` column that
migrations 0005 and 0020 generate from the row (headline A, standfirst B, body C) with
its language's text search configuration. People, organisations and events match the
like columns migration 0009 adds (name A, the rest B), over every language's name, bio
and description since 0022, in 'russian': Cyrillic words get the Russian stemmer, Latin
words the English one; or their aliases' and people's titles' vectors (0024), which the
search ranks below a match of the entity's own. On SQLite, articles match the FTS5 table
migration 0005 keeps by triggers, each query word stemmed in the edition's language and
looked for as a prefix; entities a word-by-word `icontains` over every language's
columns, their aliases and people's titles. Either way only the
newest CANDIDATES matching articles are ranked (`ArticleQuerySet.matching` and `ranked`,
over `articles.fulltext`).
"""

import html
import re

from django import forms
from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.search import SearchHeadline, SearchRank
from django.db.models import F, Prefetch, Q
from django.db.models.expressions import RawSQL
from django.forms.models import ModelChoiceIterator
from django.forms.utils import flatatt
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from .fulltext import (
    WORD,
    StoredVector,
    Term,
    config_of,
    entity_query,
    is_postgresql,
    search_query,
    terms,
    words_of,
)
from .models import (
    LINK_KINDS,
    Alias,
    Article,
    ArticleAuthor,
    Person,
    Region,
    Title,
    Topic,
    link_kind,
)
from .models.base import in_language
from .text import columns_of

# Longer queries are cut here: nobody types more, and it bounds the work a query costs.
MAX_QUERY_LENGTH = 200
SNIPPET_WORDS = 30
# A snippet is taken from the standfirst and this many characters of the body, where news
# says what it is about: finding the passage parses every word it is given, and on
# PostgreSQL a 3,000-character body took 0.6 ms, a page of them 12 ms, longer ones more.
SNIPPET_SOURCE = 1500
# Private-use characters mark matches in a snippet until the text around them is escaped.
MARK_START, MARK_END = "\ue000", "\ue001"
CONTROL = re.compile(r"[\x00-\x1f\x7f]")
# Text inside an inline element runs on into the words and punctuation around it; any
# other tag (a paragraph, a heading, a line break) parts them. Written for Python's and
# PostgreSQL's regular expressions alike: both databases' snippets read it.
INLINE_TAG = r"</?(a|abbr|b|code|em|i|mark|s|small|span|strong|sub|sup|u)(\s[^>]*)?>"
TAG = r"<[^>]*>"
# What a cut leaves unfinished at its end: a word, then a tag. Two patterns, each run once:
# PostgreSQL took 0.2 ms a body for the one pattern matching either.
CUT_WORD, CUT_TAG = r"\S*$", r"<[^>]*$"


def clean_query(raw: str) -> str:
    """Return the query as we search for it: no control characters, bounded, trimmed."""
    return " ".join(CONTROL.sub(" ", raw or "")[:MAX_QUERY_LENGTH].split())


def mark_snippet(text: str) -> str:
    """Escape a plain-text snippet and turn its match markers into <mark> elements."""
    text = escape(text).replace(MARK_START, "<mark>").replace(MARK_END, "</mark>")
    return mark_safe(text)


def body_start(rich_text: str) -> str:
    """Return the first SNIPPET_SOURCE characters of rich text, cut between words."""
    if len(rich_text) <= SNIPPET_SOURCE:
        return rich_text
    return re.sub(CUT_TAG, "", re.sub(CUT_WORD, "", rich_text[:SNIPPET_SOURCE]))


def plain_text(rich_text: str) -> str:
    """Return sanitised rich text as plain text."""
    text = re.sub(TAG, " ", re.sub(INLINE_TAG, "", rich_text, flags=re.IGNORECASE))
    return " ".join(html.unescape(text).split())


def highlight_words(text: str, query: list[Term], size: int = SNIPPET_WORDS) -> str:
    """Return a window of `text` around the first word a query term matches."""
    tokens = text.split()
    first = None
    marked = []
    for position, token in enumerate(tokens):
        core = WORD.search(token)
        if core and any(term.matches(core.group()) for term in query):
            token = token.replace(core.group(), f"{MARK_START}{core.group()}{MARK_END}", 1)
            first = position if first is None else first
        marked.append(token)
    start = max(0, (first or 0) - size // 3)
    window = " ".join(marked[start : start + size])
    if start > 0:
        window = "… " + window
    if start + size < len(marked):
        window += " …"
    return mark_snippet(window)


# --- articles -------------------------------------------------------------------------


def with_snippets(shown, query: str, language: str) -> list:
    """Pair each shown article with its matching passage, escaped, matched words marked.

    The passage comes from the standfirst and the start of the body (`body_start`). On
    PostgreSQL the page query brought it (`headline`); SQLite's is found here.
    """
    if is_postgresql():
        return [
            (article, mark_snippet(" ".join(html.unescape(article.snippet).split())))
            for article in shown
        ]
    query_terms = terms(query, language)
    return [
        (
            article,
            highlight_words(
                f"{article.standfirst} {plain_text(body_start(article.body))}".strip(),
                query_terms,
            ),
        )
        for article in shown
    ]


def headline(query: str, language: str) -> SearchHeadline:
    """PostgreSQL's passage of an article matching `query`, the words its stemmer matched
    marked, for the page query to bring along.

    PostgreSQL puts off a costly expression until the rows are sorted: ts_headline runs
    for the rows a page shows and those it skips, at most CANDIDATES on the last page.
    """
    return SearchHeadline(
        snippet_source(Article._meta.db_table),
        search_query(query, language),
        config=config_of(language),
        start_sel=MARK_START,
        stop_sel=MARK_END,
        max_words=SNIPPET_WORDS,
        min_words=SNIPPET_WORDS // 2,
    )


def snippet_source(table: str) -> RawSQL:
    """The standfirst and `body_start` of the body as PostgreSQL text, tags out: the
    snippet is escaped text with <mark>s, never HTML."""
    body = f"coalesce({table}.body, '')"
    return RawSQL(
        f"coalesce({table}.standfirst, '') || ' ' || regexp_replace(regexp_replace("
        f"CASE WHEN length({body}) > %s THEN regexp_replace(regexp_replace(left({body}, %s),"
        f" %s, ''), %s, '') ELSE {body} END, %s, '', 'gi'), %s, ' ', 'g')",
        [SNIPPET_SOURCE, SNIPPET_SOURCE, CUT_WORD, CUT_TAG, INLINE_TAG, TAG],
    )


# --- people, organisations, events: LINK_KINDS --------------------------------------------


def entities(model, query: str):
    """Things of one of LINK_KINDS matching `query`, best first: by their own columns, an
    alias, or (people) a title."""
    if is_postgresql():
        matching = entity_query(query)
        found = [
            names.alias(search_vector=StoredVector(names.model._meta.db_table))
            .filter(search_vector=matching)
            .values(column)
            for names, column, _ in other_names(model)
        ]
        own = (
            model.objects.alias(search_vector=StoredVector(model._meta.db_table))
            .filter(search_vector=matching)
            .values("pk")
        )
        # One list of ids, each part read through its GIN index; an OR of the vector and
        # the subqueries would test every row's vector instead.
        return (
            model.objects.filter(pk__in=own.union(*found))
            .alias(search_vector=StoredVector(model._meta.db_table))
            .annotate(rank=SearchRank(F("search_vector"), matching))
            .order_by("-rank", "name")
        )
    words = words_of(query)
    if not words:
        return model.objects.none()
    # Every language's name, bio and description: "Лавров" finds Sergey Lavrov anywhere.
    fields = [
        column for field in link_kind(model).search_fields for column in columns_of(model, field)
    ]
    condition = Q()
    for word in words:
        condition &= _any_field_contains(fields, word) | _other_name_contains(model, word)
    return model.objects.filter(condition).order_by("name")


def other_names(model):
    """Where else `model`'s things are named: (rows, the column naming the thing, the
    column of the name). Every kind has aliases; people have titles."""
    aliases = Alias.objects.filter(content_type=ContentType.objects.get_for_model(model))
    names = [(aliases, "object_id", "name")]
    if model is Person:
        names.append((Title.objects.all(), "person_id", "title"))
    return names


def _any_field_contains(fields, word):
    condition = Q()
    for field in fields:
        condition |= Q(**{f"{field}__icontains": word})
    return condition


def _other_name_contains(model, word):
    condition = Q()
    for names, column, name in other_names(model):
        condition |= Q(pk__in=names.filter(**{f"{name}__icontains": word}).values(column))
    return condition


# --- the form readers fill in -----------------------------------------------------------


class Menu(forms.Select):
    """A select whose options are joined in Python, not rendered a template apiece.

    The topic and region menus list every topic and region, on every search page; through
    Django's option templates they took 15 ms of it, through `format_html` 2 ms.
    """

    def render(self, name, value, attrs=None, renderer=None):
        chosen = self.format_value(value)
        options = "".join(
            f'<option value="{escape(option)}"{" selected" if str(option) in chosen else ""}>'
            f"{escape(label)}</option>"
            for option, label in self.choices
        )
        attrs = flatatt(self.build_attrs(self.attrs, attrs))
        return format_html('<select name="{}"{}>{}</select>', name, attrs, mark_safe(options))


class MenuChoices(ModelChoiceIterator):
    """A menu's (value, name) pairs read as plain rows: no model object per option, and no
    server-side cursor (what `ModelChoiceIterator` opens on PostgreSQL) for a short list."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        yield from self.queryset.values_list(self.field.to_field_name, "name")


class MenuChoiceField(forms.ModelChoiceField):
    """Pick one topic or region by its slug, from a menu of all of them."""

    iterator = MenuChoices
    widget = Menu

    def __init__(self, queryset, **kwargs):
        super().__init__(queryset, to_field_name="slug", required=False, **kwargs)


class SearchForm(forms.Form):
    """What to look for and where; every field may be empty or wrong without an error page."""

    KINDS = {"articles": Article, **{kind.name: kind.model for kind in LINK_KINDS}}

    q = forms.CharField(label=_("Search for"), required=False, strip=True)
    type = forms.ChoiceField(
        label=_("Show"),
        required=False,
        choices=[
            ("", _("Everything")),
            ("articles", _("Articles")),
            *((kind.name, kind.label) for kind in LINK_KINDS),
        ],
        widget=Menu,
    )
    topic = MenuChoiceField(Topic.objects.all(), label=_("Topic"), empty_label=_("Any topic"))
    region = MenuChoiceField(Region.objects.all(), label=_("Region"), empty_label=_("Any region"))
    since = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput({"type": "date"})
    )
    until = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput({"type": "date"})
    )

    def __init__(self, *args, language=None, **kwargs):
        super().__init__(*args, **kwargs)
        # The edition searched: by default the one the page is in.
        self.language = language or get_language()

    def clean_q(self):
        return clean_query(self.cleaned_data["q"])

    def results(self, kind: str):
        """Return the matching objects of one kind, filtered as the form says."""
        data = self.cleaned_data
        query = data["q"]
        model = self.KINDS[kind]
        if model is Article:
            found = Article.objects.published().matching(query, self.language)
        else:
            found = entities(model, query)
        if data.get("topic"):
            found = found.tagged(data["topic"])
        if data.get("region"):
            found = found.in_region(data["region"])
        if model is Article:
            date_field = "published_at__date"
        else:
            date_field = link_kind(model).search_date_field
        if date_field and data.get("since"):
            found = found.filter(**{f"{date_field}__gte": data["since"]})
        if date_field and data.get("until"):
            found = found.filter(**{f"{date_field}__lte": data["until"]})
        if model is Article:
            # Results show bylines, not the topics teasers would load as well.
            found = found.ranked(query, self.language).prefetch_related(
                Prefetch(
                    "bylines",
                    queryset=ArticleAuthor.objects.select_related("person").only(
                        "article_id", "position", *in_language("person__name"), "person__slug"
                    ),
                    to_attr="prefetched_bylines",
                )
            )
            if is_postgresql():
                found = found.annotate(snippet=headline(query, self.language))
        return found
