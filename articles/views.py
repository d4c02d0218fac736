from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import (
    F,
    Max,
    Prefetch,
    Q,
    Window,
    prefetch_related_objects,
)
from django.db.models.functions import RowNumber
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.views.generic import DetailView, ListView, TemplateView

from . import search, versions
from .models import (
    LINK_KINDS,
    Affiliation,
    Article,
    ArticleAuthor,
    Event,
    Organisation,
    Person,
    Region,
    ShareLink,
    TaggedRegion,
    TaggedTopic,
    Topic,
)
from .pagination import NewerOlderPaginator, WindowCountPaginator

PAGE_SIZE = settings.NEWSROOM_PAGE_SIZE
# How many people, organisations or events a topic or region page names before "and more".
ENTITY_SAMPLE = 12


# Front page: how many stories under "Latest news", topic sections and stories in each.
LATEST_COUNT = 10
SECTION_COUNT = 4
SECTION_SIZE = 3
# How many of the newest articles the front page's topic sections are drawn from.
RECENT_WINDOW = 200
RELATED_COUNT = 4
# How many of the articles sharing most with one are considered for its related links...
RELATED_CANDIDATES = 50
# ... counted over this many of the newest articles of each person, topic and so on.
LINK_SAMPLE = 50


class FrontPageView(TemplateView):
    template_name = "articles/front_page.html"

    def get_context_data(self, **kwargs):
        published = Article.objects.published()
        # The pinned article, if readers may see it, then the newest: two index walks.
        pinned = list(published.filter(pinned_at__isnull=False).order_by("-pinned_at")[:1])
        stories = pinned + [
            a for a in published[: LATEST_COUNT + 1] if not pinned or a.pk != pinned[0].pk
        ]
        lead = stories[0] if stories else None
        sections = topic_sections(exclude=lead)
        # Bylines and topics of every teaser on the page, in one prefetch.
        prefetch_related_objects(
            [*stories, *(a for _, section in sections for a in section)],
            Prefetch("bylines", queryset=ArticleAuthor.objects.select_related("person")),
            "topics",
        )
        return super().get_context_data(
            lead=lead,
            latest=[a for a in stories if a != lead][:LATEST_COUNT],
            sections=sections,
            upcoming_events=Event.objects.upcoming()[:5],
            **kwargs,
        )


def topic_sections(exclude=None):
    """Return the topics with the freshest coverage, each with its newest stories
    (other than the lead, which the page shows above them).

    Two queries, however many topics and articles there are; the caller prefetches.
    """
    # Sections come from recent coverage: bounded work however large the archive.
    recent = Article.objects.published().values("pk")[:RECENT_WINDOW]
    published = Article.objects.filter(pk__in=recent)
    if exclude is not None:
        published = published.exclude(pk=exclude.pk)
    topics = list(
        Topic.objects.filter(articles__in=published.values("pk"))
        .annotate(latest=Max("articles__published_at"))
        .order_by("-latest", "name")[:SECTION_COUNT]
    )
    if not topics:
        return []
    rows = (
        published.filter(topics__in=topics)
        .annotate(
            section=F("topics__pk"),
            rank=Window(
                RowNumber(),
                partition_by=F("topics__pk"),
                order_by=[F("published_at").desc(), F("pk").desc()],
            ),
        )
        .filter(rank__lte=SECTION_SIZE)
        .order_by("section", "rank")
    )
    stories = {}
    for article in rows:
        stories.setdefault(article.section, []).append(article)
    return [(topic, stories.get(topic.pk, [])) for topic in topics]


def related_articles(article, links) -> list[Article]:
    """Return published articles sharing people, organisations, topics or regions with
    this one, weighted by how much they share and how recent they are.

    One query counts what the other articles share, from the newest LINK_SAMPLE link rows
    of each person, organisation, topic and region (a topic links thousands of articles;
    counting them all took 50 ms of the database per page), and keeps the best
    CANDIDATES. A second reads the publication times of the published ones among them,
    and recency weighs those in Python: a story a month old counts half as much as one
    from today.
    """
    content_type = ContentType.objects.get_for_model(Article)
    shared = []
    for kind in LINK_KINDS:
        if kind.relates:
            field = Article._meta.get_field(kind.name)
            shared.append(
                (
                    field.remote_field.through,
                    field.m2m_column_name(),
                    field.m2m_reverse_name(),
                    links[kind.name],
                    False,
                )
            )
    shared += [
        (TaggedTopic, "object_id", "tag_id", links["topics"], True),
        (TaggedRegion, "object_id", "tag_id", links["regions"], True),
    ]
    parts, params = [], []
    for through, article_column, column, items, tagged in shared:
        table = connection.ops.quote_name(through._meta.db_table)
        for item in items:
            part = f"SELECT {article_column} AS id FROM {table} WHERE {column} = %s"
            params.append(item.pk)
            if tagged:
                part += " AND content_type_id = %s"
                params.append(content_type.pk)
            parts.append(
                f"SELECT id FROM ({part} ORDER BY {article_column} DESC LIMIT %s) AS newest"
            )
            params.append(LINK_SAMPLE)
    if not parts:
        return []
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT id, COUNT(*) FROM ({' UNION ALL '.join(parts)}) AS shared_links"
            " WHERE id <> %s GROUP BY id ORDER BY COUNT(*) DESC, id DESC LIMIT %s",
            [*params, article.pk, RELATED_CANDIDATES],
        )
        counts = dict(cursor.fetchall())
    candidates = Article.objects.published().filter(pk__in=counts).order_by()
    now = timezone.now()

    def weight(row):
        age_days = max((now - row["published_at"]).total_seconds(), 0) / 86400
        return counts[row["pk"]] / (1 + age_days / 30)

    best = sorted(
        candidates.values("pk", "headline", "slug", "dateline", "published_at"),
        key=weight,
        reverse=True,
    )[:RELATED_COUNT]
    return [Article(**row) for row in best]


class ArticleListView(ListView):
    template_name = "articles/article_list.html"
    paginate_by = PAGE_SIZE
    paginator_class = NewerOlderPaginator

    def get_queryset(self):
        # Built per request: published() compares with the time of the request.
        return Article.objects.published().for_listing()


class SearchView(TemplateView):
    """Search results: one kind paginated, or the best of every kind with articles paginated."""

    template_name = "articles/search.html"
    # How many people, organisations or events a search for everything shows per kind.
    ENTITY_SAMPLE = 5

    def get_context_data(self, **kwargs):
        form = search.SearchForm(self.request.GET)
        context = {"form": form, "query": ""}
        if form.is_valid() and form.cleaned_data["q"]:
            query = context["query"] = form.cleaned_data["q"]
            kind = form.cleaned_data["type"] or "articles"
            paginator = WindowCountPaginator(form.results(kind), PAGE_SIZE)
            page = paginator.get_page(self.request.GET.get("page"))
            if kind == "articles":
                page.object_list = search.with_snippets(page.object_list, query)
            others = self.request.GET.copy()
            others.pop("page", None)
            context.update(
                kind=kind,
                page_obj=page,
                page_query=others.urlencode(),
                capped=kind == "articles" and paginator.count >= search.CANDIDATES,
            )
            if not form.cleaned_data["type"] and page.number == 1:
                context["others"] = [
                    (key, label, list(form.results(key)[: self.ENTITY_SAMPLE]))
                    for key, label in form.fields["type"].choices
                    if key not in {"", "articles"}
                ]
        return super().get_context_data(**context, **kwargs)


def render_article(request, article, links, *, preview=None):
    """Render an article page; a preview is of one version, never cached nor indexed."""
    article.authors_in_order = links["bylines"]
    context = {"article": article, "preview": preview, **links}
    response = TemplateResponse(request, "articles/article_detail.html", context)
    if preview is not None:
        add_never_cache_headers(response)
        response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def shared_preview(request, pk, token):
    """Show one outsider the version a share link was made for, while it is the newest."""
    link = (
        ShareLink.objects.active()
        .select_related("version__article")
        .filter(pk=ShareLink.pk_from_token(token), version__article_id=pk)
        .first()
    )
    if link is None or link.version.number != link.version.article.revision:
        raise Http404("This preview link is not valid.")
    return render_article(request, *versions.preview_article(link.version), preview=link.version)


class ArticleDetailView(DetailView):
    template_name = "articles/article_detail.html"

    def get_queryset(self):
        return Article.objects.published()

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        date = self.object.dateline
        if (date.year, date.month, date.day) != (
            self.kwargs["year"],
            self.kwargs["month"],
            self.kwargs["day"],
        ):
            return redirect(self.object, permanent=True)
        article = self.object
        links = article.linked()
        response = render_article(request, article, links)
        response.context_data["related"] = related_articles(article, links)
        return response


class CoverageView(ListView):
    """A page about one thing (a topic, a person...) and the published articles about it."""

    paginate_by = PAGE_SIZE
    paginator_class = NewerOlderPaginator
    entity_queryset = None
    context_entity_name = None

    def get(self, request, *args, **kwargs):
        self.entity = get_object_or_404(self.entity_queryset, slug=self.kwargs["slug"])
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        return self.coverage().for_listing()

    def coverage(self):
        raise NotImplementedError

    def get_context_data(self, **kwargs):
        kwargs[self.context_entity_name] = self.entity
        return super().get_context_data(**kwargs)


def tagged_entities(**tagged):
    """Return the first things of each kind tagged so, each loaded with what its link
    shows; one tagged with two regions of a subtree is listed once."""
    return {
        kind.name: kind.model.objects.filter(**tagged)
        .only(*kind.shown_fields)
        .distinct()[:ENTITY_SAMPLE]
        for kind in LINK_KINDS
    }


class TopicView(CoverageView):
    template_name = "articles/topic_detail.html"
    entity_queryset = Topic.objects.all()
    context_entity_name = "topic"

    def coverage(self):
        # A subquery on the tag rows, not a join: the newest page is found by walking the
        # publish-time index and stops after one page, instead of sorting every match.
        tagged = TaggedTopic.objects.filter(
            content_type=ContentType.objects.get_for_model(Article), tag=self.entity
        )
        return Article.objects.published().filter(pk__in=tagged.values("object_id"))

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            **tagged_entities(topics=self.entity),
            **kwargs,
        )


class RegionView(CoverageView):
    """A region and everything tagged with it or with any region inside it."""

    template_name = "articles/region_detail.html"
    entity_queryset = Region.objects.all()
    context_entity_name = "region"

    def subtree(self):
        return Region.objects.subtree(self.entity)

    def coverage(self):
        # A subquery, not DISTINCT: an article tagged Kazan and Tatarstan is listed once.
        tagged = TaggedRegion.objects.filter(
            content_type=ContentType.objects.get_for_model(Article), tag__in=self.subtree()
        )
        return Article.objects.published().filter(pk__in=tagged.values("object_id"))

    def get_context_data(self, **kwargs):
        subtree = self.subtree()
        return super().get_context_data(
            lineage=self.entity.lineage(),
            subregions=self.entity.children.all(),
            **tagged_entities(regions__in=subtree),
            **kwargs,
        )


class PersonView(CoverageView):
    template_name = "articles/person_detail.html"
    entity_queryset = Person.objects.prefetch_related(
        Prefetch("affiliations", queryset=Affiliation.objects.select_related("organisation")),
        "topics",
        "regions",
    )
    context_entity_name = "person"

    def coverage(self):
        about = Article.objects.filter(Q(people=self.entity) | Q(bylines__person=self.entity))
        return Article.objects.published().filter(pk__in=about.values("pk"))


class OrganisationView(CoverageView):
    template_name = "articles/organisation_detail.html"
    entity_queryset = Organisation.objects.select_related("parent").prefetch_related(
        "children",
        Prefetch(
            "affiliations",
            queryset=Affiliation.objects.filter(end_date__isnull=True).select_related("person"),
            to_attr="current_affiliations",
        ),
        "organised_events",
        "topics",
        "regions",
    )
    context_entity_name = "organisation"

    def coverage(self):
        return Article.objects.published().filter(organisations=self.entity)


class EventView(CoverageView):
    template_name = "articles/event_detail.html"
    entity_queryset = Event.objects.prefetch_related(
        "organisers", "participants", "topics", "regions"
    )
    context_entity_name = "event"

    def coverage(self):
        return Article.objects.published().filter(events=self.entity)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        start = self.entity.start_date
        articles = context["page_obj"].object_list
        context["coverage_after"] = [a for a in articles if a.dateline >= start]
        context["coverage_before"] = [a for a in articles if a.dateline < start]
        return context


class PersonListView(ListView):
    template_name = "articles/person_list.html"
    queryset = Person.objects.all()
    paginate_by = PAGE_SIZE * 2


class OrganisationListView(ListView):
    template_name = "articles/organisation_list.html"
    queryset = Organisation.objects.all()
    paginate_by = PAGE_SIZE * 2


class EventListView(ListView):
    """Upcoming events in full on the first page, then past events page by page."""

    template_name = "articles/event_list.html"
    paginate_by = PAGE_SIZE

    def get_queryset(self):
        return Event.objects.past()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if context["page_obj"].number == 1:
            context["upcoming_events"] = Event.objects.upcoming()
        return context
