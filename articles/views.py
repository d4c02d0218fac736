from django.conf import settings
from django.http import FileResponse, Http404, HttpResponse, HttpResponseForbidden, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.generic import DetailView, ListView, TemplateView

from . import body, fulltext, search, surrogates, versions, workflow
from .models import (
    LINK_KINDS,
    Article,
    Correction,
    Document,
    Event,
    FrontPage,
    Organisation,
    Person,
    Region,
    ShareLink,
    Topic,
)
from .pagination import NewerOlderPaginator, WindowCountPaginator

PAGE_SIZE = settings.NEWSROOM_PAGE_SIZE
# How many people, organisations or events a topic or region page names before "and more".
ENTITY_SAMPLE = 12


def render_front_page(request, layout, *, preview=None):
    """Render the edition's front page as `layout` arranges it; a preview (of a front
    page's working layout) is never cached nor indexed."""
    stories = Article.objects.published().in_edition().arranged(layout)
    context = {
        **stories._asdict(),
        "upcoming_events": Event.objects.upcoming()[:5],
        "preview": preview,
    }
    response = TemplateResponse(request, "articles/front_page.html", context)
    if preview is not None:
        add_never_cache_headers(response)
        response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def front_page(request):
    """The front page readers see: the layout published for the edition."""
    return render_front_page(request, FrontPage.objects.published_layout())


class ArticleListView(ListView):
    template_name = "articles/article_list.html"
    paginate_by = PAGE_SIZE
    paginator_class = NewerOlderPaginator

    def get_queryset(self):
        # Built per request: published() compares with the time of the request.
        return Article.objects.published().in_edition().teasers()


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
                page.object_list = search.with_snippets(page.object_list, query, form.language)
            others = self.request.GET.copy()
            others.pop("page", None)
            context.update(
                kind=kind,
                kind_label=dict(form.fields["type"].choices)[kind],
                page_obj=page,
                page_query=others.urlencode(),
                capped=kind == "articles" and paginator.count >= fulltext.CANDIDATES,
            )
            if not form.cleaned_data["type"] and page.number == 1:
                # Each as a link shows it: no biography or description is loaded.
                context["others"] = [
                    (
                        kind.name,
                        kind.label,
                        list(
                            form.results(kind.name).only(*kind.shown_fields)[: self.ENTITY_SAMPLE]
                        ),
                    )
                    for kind in LINK_KINDS
                ]
        return super().get_context_data(**context, **kwargs)


def render_article(request, article, links, *, preview=None):
    """Render a story's or a page's page; a preview is of one version, never cached nor
    indexed."""
    article.authors_in_order = links.get("bylines", [])
    # A preview is of no edition's page: it names no alternates.
    alternates = article.edition_addresses() if preview is None else {}
    # The page links its story's other language versions: one going live or away purges it.
    surrogates.show(surrogates.story(article))
    context = {
        "article": article,
        "body": body.expand(article.body),
        "preview": preview,
        "alternates": alternates,
        **links,
    }
    template = (
        "articles/page_detail.html"
        if article.kind == Article.Kind.PAGE
        else "articles/article_detail.html"
    )
    response = TemplateResponse(request, template, context)
    if preview is not None:
        add_never_cache_headers(response)
        response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def shared_preview(request, pk, token):
    """Show one outsider the version a share link was made for, while it is the newest,
    or the newest version if the link follows it."""
    link = ShareLink.objects.opened_by(token, pk)
    if link is None:
        raise Http404(_("This preview link is not valid."))
    version = link.shown_version()
    return render_article(request, *versions.preview_article(version), preview=version)


@never_cache
def editor_toolbar(request, pk):
    """Tell a member of staff reading an article's public page where to edit it and how
    it stands; the page itself stays the same for everybody, and cached.

    Asked by static/js/editor-toolbar.js only from a browser that logged in to the admin.
    Staff who may not edit the article get nothing to show (204), anyone else 403.
    """
    if not (request.user.is_active and request.user.is_staff):
        return HttpResponseForbidden()
    article = get_object_or_404(Article, pk=pk)
    if not workflow.can_edit(request.user, article):
        return HttpResponse(status=204)
    return JsonResponse(
        {
            "edit_url": reverse("admin:articles_article_change", args=[article.pk]),
            "state": article.state,
        }
    )


def download(request, name):
    """Send a document as a download named after its title, to staff, and to readers when
    a story they may see lists it: a draft's attachment stays out of reach."""
    documents = Document.objects.filter(file=f"{Document.file.field.upload_to.folder}/{name}")
    if not (request.user.is_active and request.user.is_staff):
        documents = documents.filter(articles__in=Article.objects.published())
    document = documents.first()
    if document is None:
        raise Http404(_("No such document."))
    try:
        stored = document.file.open("rb")
    except OSError as error:
        raise Http404(_("No such document.")) from error
    return FileResponse(
        stored,
        as_attachment=True,
        filename=document.download_name,
        content_type=document.content_type,
    )


class ArticleDetailView(DetailView):
    """An article at its own address; asked for under another date or edition (the
    English one under /ru/), it moves there for good, as a renamed page would."""

    template_name = "articles/article_detail.html"

    def get_queryset(self):
        return (
            Article.objects.published()
            .with_versions()
            .select_related("hero_image", "social_image")
        )

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        date = self.object.dateline
        if (date.year, date.month, date.day, self.object.language) != (
            self.kwargs["year"],
            self.kwargs["month"],
            self.kwargs["day"],
            get_language(),
        ):
            return redirect(self.object, permanent=True)
        article = self.object
        # Its links, documents, corrections and related coverage: one query.
        related_among = Article.objects.published().in_edition(article.language)
        return render_article(request, article, article.on_its_page(related_among))


class PageView(DetailView):
    """A page (About, Contacts) at /<slug>/ of its edition; asked for in another edition,
    it moves to its own for good, as an article does."""

    def get_queryset(self):
        return Article.objects.published_pages().with_versions()

    def get(self, request, *args, **kwargs):
        self.object = page = self.get_object()
        if page.language != get_language():
            return redirect(page, permanent=True)
        # A page links nothing: no people, topics or related coverage.
        return render_article(request, page, {})


class CorrectionListView(ListView):
    """The public record of corrections to the edition's stories, newest first."""

    template_name = "articles/correction_list.html"
    paginate_by = PAGE_SIZE
    paginator_class = NewerOlderPaginator

    def get_queryset(self):
        return Correction.objects.for_record()


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
        return Article.objects.published().in_edition().about(self.entity).teasers()

    def get_context_data(self, **kwargs):
        kwargs[self.context_entity_name] = self.entity
        return super().get_context_data(**kwargs)


class TopicListView(TemplateView):
    """Every topic, with how many of the edition's published stories are on it."""

    template_name = "articles/topic_list.html"

    def get_context_data(self, **kwargs):
        articles = Article.objects.published().in_edition()
        return super().get_context_data(topics=Topic.objects.with_coverage(articles), **kwargs)


class RegionListView(TemplateView):
    """Every region as a tree, with how many of the edition's published stories are in it."""

    template_name = "articles/region_list.html"

    def get_context_data(self, **kwargs):
        articles = Article.objects.published().in_edition()
        return super().get_context_data(regions=Region.objects.tree(articles), **kwargs)


def tagged_entities(tag):
    """Return the first things of each of LINK_KINDS about a topic or region (or one
    inside it), each loaded with what its link shows."""
    return {
        kind.name: kind.model.objects.about(tag).only(*kind.shown_fields)[:ENTITY_SAMPLE]
        for kind in LINK_KINDS
    }


class TopicView(CoverageView):
    template_name = "articles/topic_detail.html"
    entity_queryset = Topic.objects.all()
    context_entity_name = "topic"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            **tagged_entities(self.entity),
            **kwargs,
        )


class RegionView(CoverageView):
    """A region and everything tagged with it or with any region inside it."""

    template_name = "articles/region_detail.html"
    entity_queryset = Region.objects.all()
    context_entity_name = "region"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            lineage=self.entity.lineage(),
            subregions=self.entity.children.all(),
            **tagged_entities(self.entity),
            **kwargs,
        )


class PersonView(CoverageView):
    template_name = "articles/person_detail.html"
    entity_queryset = Person.objects.for_page()
    context_entity_name = "person"


class OrganisationView(CoverageView):
    template_name = "articles/organisation_detail.html"
    entity_queryset = Organisation.objects.for_page()
    context_entity_name = "organisation"


class EventView(CoverageView):
    template_name = "articles/event_detail.html"
    entity_queryset = Event.objects.for_page()
    context_entity_name = "event"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        start = self.entity.start_date
        if start is not None:
            articles = context["page_obj"].object_list
            context["coverage_after"] = [a for a in articles if a.dateline >= start]
            context["coverage_before"] = [a for a in articles if a.dateline < start]
        return context


class PersonListView(ListView):
    template_name = "articles/person_list.html"
    paginate_by = PAGE_SIZE * 2

    def get_queryset(self):
        return Person.objects.by_name()


class OrganisationListView(ListView):
    template_name = "articles/organisation_list.html"
    paginate_by = PAGE_SIZE * 2

    def get_queryset(self):
        return Organisation.objects.by_name()


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
