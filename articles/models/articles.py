import datetime
import functools
import itertools
from typing import NamedTuple

from django.conf import settings
from django.conf.locale import LANG_INFO
from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.search import SearchRank
from django.core.exceptions import EmptyResultSet
from django.core.validators import URLValidator
from django.db import connection, models
from django.db.models import Exists, F, FloatField, OuterRef, Prefetch, Q, Subquery
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce, JSONObject
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.text import format_lazy
from django.utils.translation import get_language, get_language_info
from django.utils.translation import gettext_lazy as _
from django_prose_editor.fields import create_sanitizer
from modeltranslation.utils import get_language as name_language

from articles import fulltext, richtext
from articles.addresses import address
from articles.fields import RichTextField
from articles.text import clean_names, is_translated

from .base import Timestamped, UnicodeSlugField, in_language, tags, translated
from .links import LINK_KINDS, link_kind
from .log import ArticleLogEntry, Correction
from .media import ArticleDocument, BodyPicture, Document
from .people import Person
from .tags import TaggedQuerySet, TaggedRegion, TaggedTopic, Topic
from .teasers import JSONArrayAgg, Link, TeaserIterable

# What an editor may put in an article body; the sanitiser allows exactly this.
BODY_EXTENSIONS = {
    "Bold": True,
    "Italic": True,
    "Heading": {"levels": [2, 3]},
    "BulletList": True,
    "OrderedList": True,
    "ListItem": True,
    "Blockquote": True,
    "Link": True,
    "HardBreak": True,
    # The browser checks the spelling (static/admin/js/article_form.js turns it on).
    "NoSpellCheck": False,
    # Names, not icons, in the block-type menu: static/admin/js/block_type_labels.js.
    "BlockTypeLabels": True,
    # Pull quotes, and posts of the allowed providers embedded through the admin's view
    # that resolves their addresses: static/admin/js/body_media.js, articles/richtext.py.
    "PullQuote": True,
    "Embed": {"resolveUrl": reverse_lazy("admin:articles_article_embed")},
    # Pictures of the library, alone or several together, chosen through the admin's list.
    "LibraryImage": {"listUrl": reverse_lazy("admin:articles_article_images")},
    "Gallery": {"listUrl": reverse_lazy("admin:articles_article_images")},
}


# What a link to a topic or region shows.
TAG_FIELDS = ("name", "slug")

# What a teaser shows (its picture too: the library image's crops and size, which reserve
# the picture's space before it loads), and the ordering columns every list sorts by.
TEASER_FIELDS = [
    "headline",
    "slug",
    "standfirst",
    "dateline",
    "byline",
    "published_at",
    "hero_image",
]

# Search titles and descriptions: how many characters a search result shows (about 600
# pixels of title, two lines of description), and the most a field takes.
META_TITLE_ADVISED = 60
META_TITLE_LIMIT = 120
META_DESCRIPTION_ADVISED = 160
META_DESCRIPTION_LIMIT = 320

# Related coverage: how many links an article page shows...
RELATED_COUNT = 4
# ... from how many of the articles sharing most with it...
RELATED_CANDIDATES = 50
# ... counted over this many of the newest articles of each person, topic and so on.
LINK_SAMPLE = 50


def editions():
    """The languages an article may be written in: the site's editions (settings.LANGUAGES,
    from the environment, which migrations must not freeze)."""
    return settings.LANGUAGES


def default_edition():
    return settings.LANGUAGE_CODE


def language_name(code: str) -> str:
    """Name a language in the language of the page: "Russian" on an English one."""
    return str(get_language_info(code)["name_translated"])


def translation_behind(original_live_revision, translated_revision) -> bool:
    """Whether a translation is older than its original's published text: the original
    has gone live (published, republished changed, or corrected) since the translation
    was made or brought up to date, i.e. its `live_revision` is now past the one the
    translation records. A translation made from an original never published is behind
    once the original first goes live."""
    return original_live_revision is not None and (
        translated_revision is None or original_live_revision > translated_revision
    )


# The same rule in SQL, on a translation's row.
TRANSLATION_BEHIND = Q(translation_of__live_revision__isnull=False) & (
    Q(translated_revision__isnull=True)
    | Q(translation_of__live_revision__gt=F("translated_revision"))
)


def visible_at(now) -> models.Q:
    """Which articles a reader may see at `now`: published, their time come and not gone."""
    return models.Q(status=Article.Status.PUBLISHED, published_at__lte=now) & (
        models.Q(unpublish_at__isnull=True) | models.Q(unpublish_at__gt=now)
    )


@functools.lru_cache
def teaser_links(content_type_id, language):
    """The subqueries of `ArticleQuerySet.teasers` that aggregate a teaser's bylines and
    topics, names in `language`, built once per process and language: building them cost
    a list more than running them."""
    bylines = (
        ArticleAuthor.objects.filter(article=OuterRef("pk"))
        .order_by()
        .values("article")
        .annotate(
            rows=JSONArrayAgg(
                JSONObject(
                    id="person_id",
                    name=translated("person__name", language),
                    slug="person__slug",
                    position="position",
                )
            )
        )
        .values("rows")
    )
    topics = (
        TaggedTopic.objects.filter(content_type=content_type_id, object_id=OuterRef("pk"))
        .order_by()
        .values("object_id")
        .annotate(
            rows=JSONArrayAgg(
                JSONObject(id="tag_id", name=translated("tag__name", language), slug="tag__slug")
            )
        )
        .values("rows")
    )
    return Subquery(bylines), Subquery(topics)


def article_address(language, dateline, slug):
    """The address of the article of that edition, date and slug."""
    return address(
        "articles:article",
        language=language,
        year=dateline.year,
        month=dateline.month,
        day=dateline.day,
        slug=slug,
    )


def shown(model, field, language=None) -> list[str]:
    """The columns to read of `field` of `model` for a reader of `language`: a translated
    field's `in_language`, any other field itself."""
    return in_language(field, language) if is_translated(model, field) else [field]


class ArticleQuerySet(TaggedQuerySet):
    def published(self):
        """Stories a reader may see now: what every list, feed, sitemap of stories,
        search and the API start from. Pages are on none of them (`published_pages`)."""
        return self.filter(visible_at(timezone.now()), kind=Article.Kind.STORY)

    def published_pages(self):
        """Pages (About, Contacts...) a reader may see now, each at its own address."""
        return self.filter(visible_at(timezone.now()), kind=Article.Kind.PAGE)

    def published_or_embargoed(self):
        """Stories a reader may see now, and those scheduled for later: what a partner
        an editor granted embargo access reads through the API."""
        now = timezone.now()
        scheduled = Q(status=Article.Status.PUBLISHED, published_at__gt=now)
        return self.filter(visible_at(now) | scheduled, kind=Article.Kind.STORY)

    def indexable(self):
        """Those search engines may list as ours: not hidden from them, and no copy of a
        story another site published first (its canonical address is the original's)."""
        return self.filter(noindex=False, canonical_url="")

    def in_edition(self, language=None):
        """Those written for the edition of `language`, by default the active language."""
        return self.filter(language=language or get_language())

    def story_of(self, article):
        """The language versions of `article`'s story, `article` and its original included."""
        original = article.translation_of_id or article.pk
        return self.filter(Q(pk=original) | Q(translation_of=original))

    def out_of_date(self):
        """Translations older than their original's published text (`translation_behind`)."""
        return self.filter(TRANSLATION_BEHIND)

    def with_versions(self):
        """Annotate each with `version_rows`, the language, slug and dateline of every
        language version of its story a reader may see now, itself included: one
        correlated subquery, so that a page links its translations without a query of
        its own. Never an unpublished one: `Article.edition_addresses` links them all."""
        story = Coalesce(
            OuterRef("translation_of"), OuterRef("pk"), output_field=models.BigIntegerField()
        )
        versions = (
            Article.objects.filter(visible_at(timezone.now()))
            .filter(Q(pk=story) | Q(translation_of=story))
            .order_by()
            .annotate(
                story=Coalesce("translation_of", "pk", output_field=models.BigIntegerField())
            )
            .values("story")
            .annotate(
                rows=JSONArrayAgg(
                    JSONObject(language="language", slug="slug", dateline="dateline")
                )
            )
            .values("rows")
        )
        return self.annotate(version_rows=Subquery(versions))

    def awaiting_review(self):
        """Submissions an editor has to decide on, oldest first."""
        return self.filter(submitted_at__isnull=False).order_by("submitted_at")

    # The desk: each person's work, in the lifecycle's own states (articles.workflow.STATES).

    def in_state(self, key, now=None):
        """Return those in the lifecycle's state `key` ("draft", "scheduled", "live"...)."""
        from articles.workflow import STATES

        state = next(state for state in STATES if state.key == key)
        return self.filter(state.where(now or timezone.now()))

    def drafts_of(self, user):
        """The drafts `user` wrote, the last changed first."""
        return self.in_state("draft").filter(created_by=user).order_by("-updated_at", "-pk")

    def sent_back_to(self, user):
        """The articles an editor sent back to `user` (who wrote or submitted them) and that
        are not yet submitted again, the latest first, each with the editor's
        `sent_back_comment`, `sent_back_at` and `sent_back_by` (a username)."""
        Action = ArticleLogEntry.Action
        turns = ArticleLogEntry.objects.filter(
            article=OuterRef("pk"), action__in=[Action.SUBMITTED, Action.SENT_BACK]
        ).order_by("-created_at", "-pk")
        submitted_by_user = ArticleLogEntry.objects.filter(
            article=OuterRef("pk"), action=Action.SUBMITTED, user=user
        )
        return (
            self.filter(submitted_at__isnull=True)
            .filter(Q(created_by=user) | Exists(submitted_by_user))
            # One filter(): the log row that is the last turn is the one sending it back.
            .filter(log__pk=Subquery(turns.values("pk")[:1]), log__action=Action.SENT_BACK)
            # After that filter(), these read the same log row.
            .annotate(
                sent_back_comment=F("log__comment"),
                sent_back_at=F("log__created_at"),
                sent_back_by=F("log__user__username"),
            )
            .order_by("-sent_back_at", "-pk")
        )

    def awaiting_review_by(self, user):
        """Submissions `user` may decide on, oldest first: those others submitted, for
        `user` or for any editor."""
        return (
            self.awaiting_review()
            .exclude(submitted_by=user)
            .filter(Q(assigned_to=user) | Q(assigned_to__isnull=True))
        )

    def corrections_to_review_by(self, user):
        """Those with a correction by another editor that nobody has reviewed yet, the
        latest first, with that correction's time and note."""
        awaiting = (
            Correction.objects.awaiting_review()
            .filter(article=OuterRef("pk"))
            .exclude(corrected_by=user)
            .order_by("-corrected_at")
        )
        return (
            self.annotate(
                corrected_at=Subquery(awaiting.values("corrected_at")[:1]),
                correction_note=Subquery(awaiting.values("note")[:1]),
            )
            .filter(corrected_at__isnull=False)
            .order_by("-corrected_at")
        )

    def scheduled_within(self, hours, now=None):
        """Those scheduled to go live in the next `hours`, the soonest first."""
        now = now or timezone.now()
        return (
            self.in_state("scheduled", now)
            .filter(published_at__lte=now + datetime.timedelta(hours=hours))
            .order_by("published_at", "pk")
        )

    def published_today(self, now=None):
        """Those readers can see now that went live today (in the newsroom's time zone),
        the latest first."""
        now = now or timezone.now()
        midnight = timezone.localtime(now).replace(hour=0, minute=0, second=0, microsecond=0)
        return (
            self.in_state("live", now)
            .filter(published_at__gte=midnight)
            .order_by("-published_at", "-pk")
        )

    def teasers(self, *also, **expressions):
        """Return what lists show of these (TEASER_FIELDS, the fields and expressions
        named, the byline people and the topics) in one query, one `Teaser` per article.

        Bylines and topics come as a JSON array per row from a correlated subquery
        (articles.models.teasers): no prefetch, no model instances.
        """
        bylines, topics = teaser_links(
            ContentType.objects.get_for_model(Article).pk, name_language()
        )
        teasers = self.values(
            "pk",
            *TEASER_FIELDS,
            *also,
            byline_rows=bylines,
            topic_rows=topics,
            **expressions,
        )
        # Rows of values, each made a Teaser as it is read.
        teasers._iterable_class = TeaserIterable
        return teasers

    def for_feed(self):
        """Load what a feed entry shows: its picture, bylines with their people, topics
        and regions."""
        return self.select_related("hero_image").prefetch_related(
            Prefetch("bylines", queryset=ArticleAuthor.objects.select_related("person")),
            "topics",
            "regions",
        )

    def about(self, entity):
        """Return the articles a page about `entity` lists, each once: a topic's, a region's
        or one inside it, or one of LINK_KINDS' (a person's: named or in the byline)."""
        kind = link_kind(type(entity))
        if kind is None:
            return super().about(entity)
        if len(kind.about) > 1:
            # Each article once, from a UNION of one index walk per link table: an OR
            # over joins of them all made the database hash every link of every article.
            first, *others = (
                Article.objects.filter(**{lookup: entity}).values("pk") for lookup in kind.about
            )
            return self.filter(pk__in=first.union(*others))
        return self.filter(kind.articles_about(entity))

    def matching(self, query: str, language=None):
        """Return those of the edition of `language` (by default the active language)
        matching a reader's search `query`, to be filtered, then `ranked`.

        The query is read in the edition's language, the one its articles are indexed in.
        """
        language = language or get_language()
        found = self.in_edition(language)
        if fulltext.is_postgresql():
            return found.alias(
                search_vector=fulltext.StoredVector(self.model._meta.db_table)
            ).filter(search_vector=fulltext.search_query(query, language))
        match = fulltext.fts_match(query, language)
        if not match:
            return self.none()
        # Raw for SQLite's FTS5 table (migration 0005), which no model declares.
        fts = f"{self.model._meta.db_table}_fts"
        return found.filter(
            pk__in=RawSQL(f"SELECT rowid FROM {fts} WHERE {fts} MATCH %s", [match])
        )

    def ranked(self, query: str, language=None):
        """Return the newest `fulltext.CANDIDATES` of these, best match for `query` (read
        in `language`, by default the active one, as `matching` read it) first.

        These pick the candidates (the publish-time index gives the newest first, and
        stops there; on PostgreSQL a rare word's few matches are read whole instead,
        `_newest_matches_sql`); only they are ranked, so the work a page costs is bounded
        however many articles match.
        """
        language = language or get_language()
        newest = self.order_by("-published_at", "-pk").values("pk")[: fulltext.CANDIDATES]
        table = self.model._meta.db_table
        if fulltext.is_postgresql():
            newest = RawSQL(*self._newest_matches_sql(newest))
            rank = SearchRank(fulltext.StoredVector(table), fulltext.search_query(query, language))
        else:
            fts = f"{table}_fts"
            # bm25 is lower for better matches; headline weighs most, then standfirst.
            rank = RawSQL(
                f"SELECT -bm25({fts}, 10.0, 4.0, 1.0) FROM {fts}"
                f" WHERE {fts} MATCH %s AND rowid = {table}.id",
                [fulltext.fts_match(query, language)],
                output_field=FloatField(),
            )
        return (
            self.model.objects.filter(pk__in=newest)
            .annotate(rank=rank)
            .order_by("-rank", "-published_at", "-pk")
        )

    def _newest_matches_sql(self, newest) -> tuple[str, list]:
        """The SQL of `newest`, these matches' newest CANDIDATES by the publish-time
        index, for PostgreSQL, which cannot tell a word few articles hold from a common
        one and walks that index through the whole archive looking for matches that are
        not there (5-7.5 s at 1,000,000 articles). So the matches are first read through
        the search index, up to `fulltext.FEW` of them: when that finds them all, the
        newest of those are the answer, and the walk is never started; when not, the word
        is common enough for the walk to find its newest soon."""
        few = self.order_by().values("pk", "published_at")[: fulltext.FEW + 1]
        few_sql, few_params = few.query.sql_with_params()
        walk_sql, walk_params = newest.query.sql_with_params()
        counted = "(SELECT COUNT(*) FROM matches)"
        return (
            f"WITH matches AS MATERIALIZED ({few_sql})"
            " SELECT pk FROM (SELECT pk FROM matches ORDER BY published_at DESC, pk DESC"
            f" LIMIT {fulltext.CANDIDATES}) AS few WHERE {counted} <= {fulltext.FEW}"
            f" UNION ALL SELECT pk FROM ({walk_sql}) AS walk WHERE {counted} > {fulltext.FEW}",
            [*few_params, *walk_params],
        )

    def arranged(self, layout):
        """Return the front page `layout` (slots as `FrontPageVersion.layout` keeps them)
        lays out of these articles, never one story twice.

        A story picked by hand takes its place first, if it is one of these (a hidden one
        does not: its slot is filled as an automatic one is). Then, in the page's order,
        each automatic lead or featured slot takes the newest story not shown yet, the
        latest news the next newest, and each section the newest stories of its topic not
        shown yet.

        Two queries, three with sections, however many slots: the stories picked with the
        newest; the sections' topics; their stories, read in one UNION of one LIMITed walk
        of each topic's newest, deep enough for the sections before it to have taken
        every story they share with it.
        """
        from .front_page import ONE_STORY, FrontPageStories, SlotKind, in_page_order

        slots = in_page_order(layout)
        one_story = [slot for slot in slots if slot["kind"] in ONE_STORY]
        picked = [slot["article"] for slot in one_story if slot["article"]]
        latest = sum(slot["count"] or 0 for slot in slots if slot["kind"] == SlotKind.LATEST)
        # One of the newest for every slot and latest story, picked or not: the picked
        # may be among the newest, and leave that many fewer to the others.
        stories = self._picked_and_newest(picked, len(one_story) + latest)
        visible = {story.pk: story for story in stories}
        # Stories picked by hand take their places first, each once.
        placed, taken = [], set()
        for slot in one_story:
            story = visible.get(slot["article"])
            if story is not None and story.pk in taken:
                story = None
            placed.append(story)
            if story is not None:
                taken.add(story.pk)
        newest = (story for story in stories if story.pk not in taken)
        page = FrontPageStories(lead=None, featured=[], latest=[], sections=[])
        for slot, story in zip(one_story, placed, strict=True):
            story = story or next(newest, None)
            if story is None:
                continue
            if slot["kind"] == SlotKind.LEAD and page.lead is None:
                page = page._replace(lead=story)
            else:
                page.featured.append(story)
        page.latest.extend(itertools.islice(newest, latest))
        taken = {story.pk for story in [page.lead, *page.featured, *page.latest] if story}
        sections = [slot for slot in slots if slot["kind"] == SlotKind.SECTION and slot["topic"]]
        if not sections:
            return page
        topics = Topic.objects.in_bulk([slot["topic"] for slot in sections])
        depth = sum(slot["count"] or 0 for slot in sections)
        candidates = self._newest_of_topics(list(topics), taken, depth)
        for slot in sections:
            if (topic := topics.get(slot["topic"])) is None:
                continue
            section = Link(topic.name, topic.get_absolute_url())
            # A teaser links its topics: those linking this one are of its section.
            stories = [
                story
                for story in candidates
                if story.pk not in taken and section.url in {link.url for link in story.topic_list}
            ][: slot["count"] or 0]
            taken.update(story.pk for story in stories)
            if stories:
                page.sections.append((section, stories))
        return page

    def _picked_and_newest(self, picked, count):
        """These of `picked` with the `count` newest of these, as teasers with the lead's
        picture, newest first: one query."""
        parts = [self.filter(pk__in=picked).values("pk")] if picked else []
        if count:
            parts.append(self.order_by("-published_at", "-pk").values("pk")[:count])
        return self._teasers_of(parts, " UNION ")

    def _newest_of_topics(self, topics, taken, depth):
        """The `depth` newest of these of each of `topics` but `taken`, as teasers, newest
        first: one query."""
        parts = [
            self.tagged(topic).exclude(pk__in=taken).order_by("-published_at", "-pk").values("pk")
            for topic in topics
        ]
        return self._teasers_of([part[:depth] for part in parts], " UNION ALL ")

    def _teasers_of(self, parts, union, *also):
        # One IN over a UNION of index walks: an OR of INs scans the table.
        try:
            compiled = [part.query.sql_with_params() for part in parts]
        except EmptyResultSet:  # none()
            return []
        if not compiled:
            return []
        sql = union.join(
            f"SELECT * FROM ({sql}) AS part{n}" for n, (sql, _) in enumerate(compiled)
        )
        params = [param for _, part_params in compiled for param in part_params]
        return list(
            self.filter(pk__in=RawSQL(sql, params)).order_by("-published_at", "-pk").teasers(*also)
        )

    def related_to(self, article) -> list["Article"]:
        """Return the RELATED_COUNT of these articles that share most with `article`
        (`related_part`), in one query of their own; its page reads them with the rest
        (`Article.on_its_page`)."""
        part = self.related_part(article)
        return best_related(read_parts({"related": part})["related"]) if part else []

    def related_part(self, article) -> "Part | None":
        """The RELATED_CANDIDATES of these articles that share most people,
        organisations, topics and regions with `article`, for `read_parts` (none when
        these are none): each with how many it `shared`, counted over the newest
        LINK_SAMPLE link rows of each thing `article` links, and its headline, address
        and publication time.

        One LIMITed index walk per link, which the ORM cannot write: a topic links
        thousands of articles, and counting them all took 50 ms of the database per page.
        PostgreSQL walks each of the article's link rows LATERALly; SQLite, which has no
        LATERAL, numbers the rows of what the article links and keeps the newest.
        """
        try:
            these, these_params = self.order_by().values("pk").query.sql_with_params()
        except EmptyResultSet:  # none()
            return None
        quote = connection.ops.quote_name
        content_type = ContentType.objects.get_for_model(Article).pk
        shared = [
            (field.remote_field.through, field.m2m_column_name(), field.m2m_reverse_name(), [])
            for field in (
                Article._meta.get_field(kind.name) for kind in LINK_KINDS if kind.relates
            )
        ]
        shared += [
            (TaggedTopic, "object_id", "tag_id", [content_type]),
            (TaggedRegion, "object_id", "tag_id", [content_type]),
        ]
        walks, params = [], []
        for through, article_column, column, of_articles in shared:
            table = quote(through._meta.db_table)
            mine = f"l.{article_column} = %s" + " AND l.content_type_id = %s" * len(of_articles)
            theirs = " AND m.content_type_id = %s" * len(of_articles)
            if connection.vendor == "postgresql":
                walks.append(
                    f"SELECT n.id FROM {table} l CROSS JOIN LATERAL"
                    f" (SELECT m.{article_column} AS id FROM {table} m"
                    f" WHERE m.{column} = l.{column}{theirs}"
                    f" ORDER BY m.{article_column} DESC LIMIT %s) AS n WHERE {mine}"
                )
                params += [*of_articles, LINK_SAMPLE, article.pk, *of_articles]
            else:
                walks.append(
                    f"SELECT id FROM (SELECT m.{article_column} AS id, ROW_NUMBER() OVER"
                    f" (PARTITION BY m.{column} ORDER BY m.{article_column} DESC) AS newest"
                    f" FROM {table} m WHERE m.{column} IN"
                    f" (SELECT l.{column} FROM {table} l WHERE {mine}){theirs}) AS walk"
                    " WHERE newest <= %s"
                )
                params += [article.pk, *of_articles, *of_articles, LINK_SAMPLE]
        return Part(
            Article,
            ["language", "headline", "slug", "dateline", "published_at"],
            "best.shared DESC, t.id DESC",
            f"FROM (SELECT id, COUNT(*) AS shared FROM ({' UNION ALL '.join(walks)}) AS links"
            " WHERE id <> %s GROUP BY id ORDER BY COUNT(*) DESC, id DESC LIMIT %s) AS best"
            f" JOIN {quote(Article._meta.db_table)} t ON t.id = best.id"
            f" WHERE t.id IN ({these})",
            [*params, article.pk, RELATED_CANDIDATES, *these_params],
            extra=(("shared", "best.shared"),),
        )


def best_related(candidates) -> list["Article"]:
    """The RELATED_COUNT of `candidates` (read by `ArticleQuerySet.related_part`) that
    share most, weighted by how recent they are: a story a month old counts half as much
    as one from today."""
    now = timezone.now()

    def weight(candidate):
        age_days = max((now - candidate.published_at).total_seconds(), 0) / 86400
        return int(candidate.shared) / (1 + age_days / 30)

    return sorted(candidates, key=weight, reverse=True)[:RELATED_COUNT]


class Part(NamedTuple):
    """One kind of row an article's page reads, for `read_parts`: the id and `fields` of
    `model` as table `t`, numbered in `order`, from `source` (FROM ... WHERE ...) with
    `params`; then `extra` values (name, expression), set on each object as read."""

    model: type
    fields: list[str]
    order: str
    source: str
    params: list
    extra: tuple = ()


def read_parts(parts: dict[str, Part]) -> dict[str, list]:
    """Read every part in one UNION ALL and return each one's objects in its order.

    A UNION's column has one type in every part, so each value is read as text, and
    made its field's type again here; the parts are padded with NULLs to the widest.
    """
    quote = connection.ops.quote_name
    width = max(len(part.fields) + len(part.extra) for part in parts.values())
    selects, params = [], []
    for name, part in parts.items():
        columns = [f"t.{quote(field)}" for field in part.fields]
        columns += [expression for _, expression in part.extra]
        columns = [f"CAST({column} AS TEXT)" for column in columns]
        columns += ["NULL"] * (width - len(columns))
        selects.append(
            f"SELECT '{name}', ROW_NUMBER() OVER (ORDER BY {part.order}), t.id,"
            f" {', '.join(columns)} {part.source}"
        )
        params += part.params
    found = {name: [] for name in parts}
    fields = {
        name: [part.model._meta.get_field(field) for field in part.fields]
        for name, part in parts.items()
    }
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(selects) + " ORDER BY 2", params)
        for name, _, pk, *texts in cursor.fetchall():
            part = parts[name]
            values = [pk, *map(from_text, fields[name], texts)]
            thing = part.model.from_db(connection.alias, ["id", *part.fields], values)
            for (extra, _), text in zip(part.extra, texts[len(part.fields) :], strict=False):
                setattr(thing, extra, text)
            found[name].append(thing)
    return found


def from_text(field, text):
    """A value `read_parts` read as text, as its field holds it."""
    value = field.to_python(text)
    # SQLite keeps times in UTC without saying so.
    if isinstance(value, datetime.datetime) and timezone.is_naive(value):
        value = timezone.make_aware(value, datetime.UTC)
    return value


class Article(Timestamped):
    """A story, or a page: what readers read and editors publish."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")
        UNPUBLISHED = "unpublished", _("Unpublished")

    class Kind(models.TextChoices):
        # News, dated, on every list; a page (About, Contacts) stands alone at /<slug>/,
        # written, versioned and published as a story is.
        STORY = "story", _("Story")
        PAGE = "page", _("Page")

    kind = models.CharField(
        max_length=10,
        choices=Kind,
        default=Kind.STORY,
        editable=False,
        verbose_name=_("kind"),
    )
    # Each language version of a story is its own article, with its own workflow; the
    # versions of one story point at the first of them (Wagtail's translation key,
    # Polylang's translation group).
    language = models.CharField(
        max_length=8,
        choices=editions,
        default=default_edition,
        help_text=_("The edition it is written for."),
        verbose_name=_("language"),
    )
    translation_of = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        editable=False,
        # An original goes only once its translations have: each would lose the others.
        on_delete=models.PROTECT,
        related_name="translations",
        help_text=_("The original this article translates; empty for an original."),
        verbose_name=_("translation of"),
    )
    # The original's `live_revision` this translation was made from or last brought up to
    # date with: when the original has gone live since, the translation is out of date.
    translated_revision = models.PositiveIntegerField(
        null=True, blank=True, editable=False, verbose_name=_("translated revision")
    )
    headline = models.CharField(max_length=300, verbose_name=_("headline"))
    slug = UnicodeSlugField(
        max_length=300,
        made_from="headline",
        help_text=_("The last part of the article's address; made from the headline if empty."),
        verbose_name=_("slug"),
    )
    standfirst = models.TextField(
        blank=True, help_text=_("The summary under the headline."), verbose_name=_("standfirst")
    )
    body = RichTextField(
        extensions=BODY_EXTENSIONS,
        # nh3 with the extensions' allowlist first, then what it cannot do itself.
        sanitize=[richtext.without_stray_frames, create_sanitizer],
        blank=True,
        verbose_name=_("body"),
    )
    dateline = models.DateField(
        default=timezone.localdate,
        help_text=_("The date the story carries; it is in its address."),
        verbose_name=_("dateline"),
    )
    byline = models.CharField(
        max_length=200,
        blank=True,
        help_text=_("The credit as printed, e.g. a press service, when no author is named below."),
        verbose_name=_("byline"),
    )
    authors = models.ManyToManyField(
        "Person",
        through="ArticleAuthor",
        related_name="authored_articles",
        blank=True,
        verbose_name=_("authors"),
    )
    # From the library: an image in use cannot be deleted (its admin page says where).
    hero_image = models.ForeignKey(
        "Image",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="hero_of",
        help_text=_("The picture at the top of the story, and on its teasers."),
        verbose_name=_("hero image"),
    )
    social_image = models.ForeignKey(
        "Image",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="social_of",
        help_text=_("Shown where the story is shared; the hero image if none is chosen."),
        verbose_name=_("social image"),
    )
    documents = models.ManyToManyField(
        "Document",
        through="ArticleDocument",
        related_name="articles",
        blank=True,
        help_text=_("Files readers download from the story, in this order."),
        verbose_name=_("documents"),
    )
    # Search and social: what a search result and a shared card show, when the headline
    # and standfirst (their fallback) do not fit there; versioned like the text.
    meta_title = models.CharField(
        max_length=META_TITLE_LIMIT,
        blank=True,
        help_text=format_lazy(
            _(
                "The title search engines and shared cards show; about {advised} characters "
                "fit. Empty: the headline."
            ),
            advised=META_TITLE_ADVISED,
        ),
        verbose_name=_("search title"),
    )
    meta_description = models.CharField(
        max_length=META_DESCRIPTION_LIMIT,
        blank=True,
        help_text=format_lazy(
            _(
                "The summary under a search result and on a shared card; about {advised} "
                "characters fit. Empty: the standfirst."
            ),
            advised=META_DESCRIPTION_ADVISED,
        ),
        verbose_name=_("search description"),
    )
    noindex = models.BooleanField(
        default=False,
        help_text=_("Ask search engines not to list it; it stays out of the sitemaps too."),
        verbose_name=_("hide from search engines"),
    )
    canonical_url = models.URLField(
        max_length=500,
        blank=True,
        validators=[URLValidator(schemes=["http", "https"])],
        help_text=_(
            "For a story syndicated from elsewhere: the original's address, which search "
            "engines then credit instead of this page."
        ),
        verbose_name=_("original address"),
    )
    people = models.ManyToManyField(
        "Person",
        related_name="articles",
        blank=True,
        help_text=_("People the story mentions."),
        verbose_name=_("people"),
    )
    organisations = models.ManyToManyField(
        "Organisation", related_name="articles", blank=True, verbose_name=_("organisations")
    )
    events = models.ManyToManyField(
        "Event", related_name="articles", blank=True, verbose_name=_("events")
    )
    topics, regions = tags(related_name="articles")
    status = models.CharField(
        max_length=20, choices=Status, default=Status.DRAFT, verbose_name=_("status")
    )
    published_at = models.DateTimeField(
        null=True,
        blank=True,
        db_index=True,
        help_text=_("When readers first see it; a later time schedules it."),
        verbose_name=_("published at"),
    )
    unpublish_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text=_("When readers stop seeing it; empty for never."),
        verbose_name=_("unpublish at"),
    )
    # While the row is live it holds the published text; edits go to newer versions.
    live_revision = models.PositiveIntegerField(
        null=True, blank=True, editable=False, verbose_name=_("live revision")
    )
    # Not `updated_at`, which moves with every draft saved unseen: readers' "Updated".
    revised_at = models.DateTimeField(
        null=True,
        blank=True,
        editable=False,
        help_text=_("When a changed text last went live to readers; empty until then."),
        verbose_name=_("revised at"),
    )
    # The number of the newest version; every save checks and bumps it in one UPDATE.
    revision = models.PositiveIntegerField(default=0, editable=False, verbose_name=_("revision"))
    submitted_at = models.DateTimeField(
        null=True, blank=True, editable=False, verbose_name=_("submitted at")
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("submitted by"),
    )
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The editor asked to review it."),
        verbose_name=_("assigned to"),
    )
    source_digest = models.CharField(
        max_length=64,
        unique=True,
        null=True,
        blank=True,
        editable=False,
        help_text=_("SHA-256 of the imported file, so that importing it again adds nothing."),
        verbose_name=_("source digest"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("created by"),
    )

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-created_at"]
        indexes = [
            models.Index(fields=["status", "-published_at"]),
            # Each edition's lists: its newest first.
            models.Index(
                fields=["language", "status", "-published_at"], name="article_edition_newest"
            ),
            models.Index(fields=["submitted_at"]),
            # When the next story goes away (articles.cache.next_change): few have a time.
            models.Index(
                fields=["unpublish_at"],
                name="article_unpublish_due",
                condition=models.Q(unpublish_at__isnull=False),
            ),
        ]
        constraints = [
            # Partial: SQLite then adds it in place instead of rebuilding the table and
            # losing its search triggers (migration 0005).
            models.UniqueConstraint(
                fields=["translation_of", "language"],
                condition=models.Q(translation_of__isnull=False),
                name="one_translation_per_language",
            )
        ]
        permissions = [
            ("publish_article", _("Can publish and unpublish articles")),
            # Who holds none of these writes in every edition (articles.workflow.languages_of).
            *(
                (f"write_{code}", f"Can write in {LANG_INFO[code]['name']}")
                for code in settings.SUPPORTED_LANGUAGES
            ),
        ]
        verbose_name = _("article")
        verbose_name_plural = _("articles")

    def __str__(self):
        return self.headline

    def get_absolute_url(self):
        """Its address in its own edition, whichever is active: /ru/news/... for Russian."""
        return self.address_in(self.language, self.dateline, self.slug)

    def address_in(self, language, dateline, slug):
        """The address of the language version of this article's story with that
        dateline and slug: a page's has no date."""
        # Lists read stories with only the fields they show: a row read without its kind
        # is a story (a page is read whole, or with its kind).
        if self.__dict__.get("kind") == Article.Kind.PAGE:
            return address("articles:page", language=language, slug=slug)
        return article_address(language, dateline, slug)

    # The body as last read or saved ("" for a new story, None when it was not read): a
    # save that leaves a text without pictures of the library, as it found it, leaves
    # their index (BodyPicture) alone. Kept as read; looked into only when saving.
    _body_as_read = ""

    @classmethod
    def from_db(cls, db, field_names, values, **kwargs):
        article = super().from_db(db, field_names, values, **kwargs)
        article._body_as_read = article.__dict__.get("body")
        return article

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        update_fields = kwargs.get("update_fields")
        saved_body = (
            "body" in update_fields
            if update_fields is not None
            else "body" not in self.get_deferred_fields()
        )
        if not saved_body:
            return
        before = self._body_as_read
        if before is None or richtext.pictures_in(before) or richtext.pictures_in(self.body):
            BodyPicture.index(self)
        self._body_as_read = self.body

    def clean(self):
        clean_names(self)  # before the version this form saves takes the headline

    @property
    def shared_image(self):
        """The picture shown where the story is shared: its social image, else its hero."""
        return self.social_image or self.hero_image

    @staticmethod
    def page_title_suffix() -> str:
        """What follows a headline in a page's <title>: the publisher's name."""
        return f" · {settings.NEWSROOM_PUBLISHER_NAME}"

    @property
    def page_title(self) -> str:
        """The page's <title>: the search title as typed, else the headline and the
        publisher's name."""
        return self.meta_title or f"{self.headline}{self.page_title_suffix()}"

    @property
    def search_title(self) -> str:
        """The title a search result and a shared card show: the search title, else the
        headline."""
        return self.meta_title or self.headline

    @property
    def search_description(self) -> str:
        """The summary a search result and a shared card show: the search description,
        else the standfirst."""
        return self.meta_description or self.standfirst

    def canonical_address(self, absolute) -> str:
        """The address search engines should credit: the original's for a syndicated
        copy, else its own (made absolute by `absolute`, a request's
        build_absolute_uri)."""
        return self.canonical_url or absolute(self.get_absolute_url())

    def edition_addresses(self) -> dict[str, str]:
        """The address of each language version of its story a reader may see, by
        language, as `ArticleQuerySet.with_versions` read them; none when it did not."""
        rows = getattr(self, "version_rows", None) or ()
        return {
            row["language"]: self.address_in(
                row["language"], datetime.date.fromisoformat(row["dateline"]), row["slug"]
            )
            for row in rows
        }

    def linked(self) -> dict[str, list]:
        """Return what the article links (each of LINK_KINDS, topics and regions) and the
        people of its byline, each in the order its page shows them: one query.

        Six prefetches cost an article page more in building querysets than the database
        spends answering them. The objects carry their kind's shown fields (a tag its name
        and slug); anything else is loaded if asked for.
        """
        return read_parts(self._link_parts())

    def on_its_page(self, related_among) -> dict[str, list]:
        """Return everything its page shows besides its own row, in one query: what it
        links (`linked`), its documents in their order, the corrections readers may read
        in the order they were made, and its related coverage among `related_among`
        (`ArticleQuerySet.related_to`)."""
        parts = {**self._link_parts(), **self._page_parts()}
        related = related_among.related_part(self)
        if related is not None:
            parts["related"] = related
        found = read_parts(parts)
        found["related"] = best_related(found.get("related", []))
        return found

    def _link_parts(self) -> dict[str, "Part"]:
        quote = connection.ops.quote_name
        kinds = {}  # name: (linked model, link table, article column, target column, order, fields)
        for kind in LINK_KINDS:
            field = self._meta.get_field(kind.name)
            kinds[kind.name] = (
                kind.model,
                field.remote_field.through,
                field.m2m_column_name(),
                field.m2m_reverse_name(),
                kind.page_order,
                kind.shown_fields,
            )
        for name, through in (("topics", TaggedTopic), ("regions", TaggedRegion)):
            kinds[name] = (
                through.tag_model(),
                through,
                "object_id",
                "tag_id",
                "{name}",
                TAG_FIELDS,
            )
        kinds["bylines"] = (
            Person,
            ArticleAuthor,
            "article_id",
            "person_id",
            "l.position",
            link_kind(Person).shown_fields,
        )
        names = [f"NULLIF(t.{quote(column)}, '')" for column in in_language("name")]
        name = f"COALESCE({', '.join(names)})" if len(names) > 1 else names[0]
        parts = {}
        for kind_name, (model, through, source, target, order, fields) in kinds.items():
            # A translated field is read in the reader's language and the one it falls
            # back to, which the model's own attribute then chooses between.
            columns = {column for field in fields for column in shown(model, field)}
            fields = [f.attname for f in model._meta.concrete_fields if f.attname in columns]
            where, params = f"l.{quote(source)} = %s", [self.pk]
            if through in (TaggedTopic, TaggedRegion):
                where += " AND l.content_type_id = %s"
                params.append(ContentType.objects.get_for_model(Article).pk)
            parts[kind_name] = Part(
                model,
                fields,
                order.format(name=name),
                f"FROM {quote(model._meta.db_table)} t"
                f" JOIN {quote(through._meta.db_table)} l ON l.{quote(target)} = t.id"
                f" WHERE {where}",
                params,
            )
        return parts

    def _page_parts(self) -> dict[str, "Part"]:
        quote = connection.ops.quote_name
        return {
            "documents": Part(
                Document,
                ["title", "file", "size", "content_type"],
                "l.position, l.id",
                f"FROM {quote(Document._meta.db_table)} t"
                f" JOIN {quote(ArticleDocument._meta.db_table)} l ON l.document_id = t.id"
                " WHERE l.article_id = %s",
                [self.pk],
            ),
            # CorrectionQuerySet.public: made while the story was out.
            "corrections": Part(
                Correction,
                ["note", "corrected_at"],
                "t.corrected_at, t.id",
                f"FROM {quote(Correction._meta.db_table)} t"
                " WHERE t.article_id = %s AND t.corrected_at >= %s",
                [self.pk, self.published_at],
            ),
        }

    @cached_property
    def authors_in_order(self):
        """The people in the byline, in print order (a preview sets them by hand)."""
        bylines = getattr(self, "prefetched_bylines", None)
        if bylines is None:
            bylines = self.bylines.all()
        return [byline.person for byline in bylines]

    def is_behind(self, original_live_revision) -> bool:
        """Whether this translation is older than its original, whose `live_revision` the
        caller has read (`translation_behind`); never for an original."""
        return self.translation_of_id is not None and translation_behind(
            original_live_revision, self.translated_revision
        )

    @property
    def in_review(self):
        return self.submitted_at is not None

    @property
    def state(self):
        """Say where the article stands, in the words of the desk (articles.workflow)."""
        from articles.workflow import state_of

        return state_of(self)

    @property
    def has_unpublished_changes(self):
        return self.live_revision is not None and self.revision > self.live_revision

    @cached_property
    def working_copy(self):
        """The newest version while it differs from what readers see, else None.

        Read once per instance: the article form and its byline rows both edit it.
        """
        if self.pk and self.has_unpublished_changes:
            return self.versions.get(number=self.revision)
        return None


class ArticleAuthor(models.Model):
    """One byline of an article, in the order it is printed."""

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="bylines", verbose_name=_("article")
    )
    person = models.ForeignKey(
        "Person", on_delete=models.CASCADE, related_name="bylines", verbose_name=_("person")
    )
    position = models.PositiveSmallIntegerField(default=0, verbose_name=_("position"))

    class Meta:
        ordering = ["position"]
        verbose_name = _("byline")
        constraints = [models.UniqueConstraint(fields=["article", "person"], name="unique_byline")]
        verbose_name_plural = _("bylines")

    def __str__(self):
        return _("%(person)s on %(article)s") % {"person": self.person, "article": self.article}


class Page(Article):
    """A page (About, Contacts), as its own admin lists and edits it."""

    class Meta:
        proxy = True
        verbose_name = _("page")
        verbose_name_plural = _("pages")


class Submission(Article):
    """An article awaiting review, as the review queue lists it."""

    class Meta:
        proxy = True
        verbose_name = _("submission")
        verbose_name_plural = _("review queue")
