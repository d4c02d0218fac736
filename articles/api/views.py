"""The API's operations: a list and a detail of each kind readers can see.

Lists take a cursor and a limit (articles.api.pagination) and run a fixed number of
queries whatever their length: the page, then one prefetch per nested list.
"""

import datetime
from typing import Annotated

from django.conf import settings
from django.db.models import Prefetch, Q
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Path, Query, Router
from ninja.decorators import decorate_view
from ninja.errors import HttpError
from pydantic import AfterValidator

from articles import models, surrogates
from articles.models import ApiToken, ArticleAuthor, EmbargoRead

from . import schemas
from .clients import served
from .pagination import MAX_ID, Cursor, Limit, Page, paginate

router = Router()

# A token is optional: ninja lists the bearer token as each operation's security, and this
# adds the empty requirement after it (OpenAPI's "or none").
OPTIONAL_TOKEN = {"security": [{}]}


def answers(schema, *errors):
    """What an operation answers: `schema`, or an error for a bad token (401), a bad
    parameter (422) or too many requests (429), and the `errors` given."""
    return {200: schema, frozenset({401, 422, 429, *errors}): schemas.Error}


def moment(value: datetime.datetime) -> datetime.datetime:
    """A time as asked for, in the newsroom's time zone when it names none; one the
    database cannot hold is a clear 422, not an error of ours."""
    if timezone.is_naive(value):
        value = timezone.make_aware(value)
    try:
        return value.astimezone(datetime.UTC)
    except OverflowError:
        raise ValueError(_("That time is out of range.")) from None


Id = Annotated[int, Path(ge=1, le=MAX_ID)]
SLUG = r"^[-\w]+$"


def slug_param(description):
    """A slug parameter: letters of any script, digits, hyphens; never a NUL or a space."""
    return Annotated[
        str | None, Query(None, pattern=SLUG, max_length=300, description=description)
    ]


def moment_param(description):
    return Annotated[
        datetime.datetime | None, AfterValidator(moment), Query(None, description=description)
    ]


def articles_for(request):
    """What this client may read: what readers see, and embargoed stories for a token an
    editor granted embargo access."""
    if isinstance(request.auth, ApiToken) and request.auth.reads_embargoed:
        return models.Article.objects.published_or_embargoed()
    return models.Article.objects.published()


def note_embargoed_reads(request, articles) -> None:
    """Record each article read before its publication time, with the token reading it."""
    now = timezone.now()
    early = [article for article in articles if article.published_at > now]
    if early:
        EmbargoRead.objects.bulk_create(
            EmbargoRead(token=request.auth, article=article, path=request.get_full_path()[:2000])
            for article in early
        )


def tagged(queryset, model, slug):
    """Those about the topic, region (or one inside it), person, organisation or event of
    that slug; none for a slug nothing has."""
    if slug is None:
        return queryset
    found = model.objects.filter(slug=slug).first()
    return queryset.none() if found is None else queryset.about(found)


@router.get(
    "/articles/",
    response=answers(Page[schemas.Article], 400),
    openapi_extra=OPTIONAL_TOKEN,
    tags=["articles"],
    summary="Published articles, newest first",
    operation_id="articles_list",
    url_name="articles_list",
)
@decorate_view(served)
def articles_list(
    request,
    cursor: Cursor = None,
    limit: Limit = 20,
    topic: slug_param("A topic's slug.") = None,
    region: slug_param("A region's slug; the regions inside it count too.") = None,
    person: slug_param("A person's slug: named in it or in its byline.") = None,
    organisation: slug_param("An organisation's slug.") = None,
    event: slug_param("An event's slug.") = None,
    language: Annotated[str | None, Query(None, max_length=8, description="An edition.")] = None,
    since: moment_param("Published at or after this time (ISO 8601).") = None,
    until: moment_param("Published before this time (ISO 8601).") = None,
    updated_since: moment_param(
        "Published, or its text changed for readers, at or after this time (ISO 8601)."
    ) = None,
):
    """Filters combine; a slug nothing has gives an empty list. A token with embargo
    access also lists stories scheduled for later (each such read is logged)."""
    surrogates.show(surrogates.ARTICLE_LIST)
    articles = articles_for(request)
    for model, value in (
        (models.Topic, topic),
        (models.Region, region),
        (models.Person, person),
        (models.Organisation, organisation),
        (models.Event, event),
    ):
        articles = tagged(articles, model, value)
    if language is not None:
        if language not in dict(settings.LANGUAGES):
            raise HttpError(
                400,
                _("No edition is in %(language)s; the editions are %(editions)s.")
                % {"language": language, "editions": ", ".join(dict(settings.LANGUAGES))},
            )
        articles = articles.in_edition(language)
    if since is not None:
        articles = articles.filter(published_at__gte=since)
    if until is not None:
        articles = articles.filter(published_at__lt=until)
    if updated_since is not None:
        articles = articles.filter(
            Q(revised_at__gte=updated_since) | Q(published_at__gte=updated_since)
        )
    articles = articles.defer("body").prefetch_related(
        Prefetch("bylines", queryset=ArticleAuthor.objects.select_related("person")),
        "topics",
        "regions",
    )
    page = paginate(request, articles, cursor=cursor, limit=limit, by_time=True)
    note_embargoed_reads(request, page["results"])
    return page


@router.get(
    "/articles/{id}/",
    response=answers(schemas.ArticleDetail, 404),
    openapi_extra=OPTIONAL_TOKEN,
    tags=["articles"],
    summary="One article, whole",
    operation_id="articles_detail",
    url_name="articles_detail",
)
@decorate_view(served)
def articles_detail(request, id: Id):
    article = get_object_or_404(articles_for(request).select_related("hero_image"), pk=id)
    article.links = article.linked()
    article.links["translations"] = list(
        articles_for(request)
        .story_of(article)
        .exclude(pk=article.pk)
        .only("language", "slug", "dateline")
    )
    article.links["corrections"] = list(article.corrections.public().only("corrected_at", "note"))
    note_embargoed_reads(request, [article])
    return article


def entity_routes(path, model, summary, detail, prefetch=()):
    """Add a list by id and a detail for a kind of entity: every one of them is public."""

    @router.get(
        f"/{path}/",
        response=answers(Page[summary], 400),
        openapi_extra=OPTIONAL_TOKEN,
        tags=[path],
        summary=f"All {path}, by id",
        operation_id=f"{path}_list",
        url_name=f"{path}_list",
    )
    @decorate_view(served)
    def entity_list(request, cursor: Cursor = None, limit: Limit = 20):
        surrogates.show(surrogates.list_key(model))
        return paginate(request, model.objects.all(), cursor=cursor, limit=limit, by_time=False)

    @router.get(
        f"/{path}/{{id}}/",
        response=answers(detail, 404),
        openapi_extra=OPTIONAL_TOKEN,
        tags=[path],
        summary=f"One of the {path}",
        operation_id=f"{path}_detail",
        url_name=f"{path}_detail",
    )
    @decorate_view(served)
    def entity_detail(request, id: Id):
        return get_object_or_404(model.objects.prefetch_related(*prefetch), pk=id)


TAGS = ("topics", "regions")
entity_routes("people", models.Person, schemas.Person, schemas.PersonDetail, TAGS)
entity_routes(
    "organisations", models.Organisation, schemas.Organisation, schemas.OrganisationDetail, TAGS
)
entity_routes(
    "events",
    models.Event,
    schemas.Event,
    schemas.EventDetail,
    ("organisers", "participants", *TAGS),
)
entity_routes("topics", models.Topic, schemas.Topic, schemas.Topic)
entity_routes("regions", models.Region, schemas.Region, schemas.Region)
