from django.contrib.sitemaps import views as sitemap_views
from django.urls import path, register_converter
from django.views.generic import TemplateView

from . import calendars, converters, feeds, sitemaps, views
from .cache import cached_page
from .surrogates import (
    ARTICLE_LIST,
    CORRECTION_LIST,
    EVENT_LIST,
    EVERY_LIST,
    FRONT_PAGE,
    ORGANISATION_LIST,
    PERSON_LIST,
    REGION_LIST,
    TOPIC_LIST,
)

register_converter(converters.UnicodeSlugConverter, "uslug")
register_converter(converters.YearConverter, "yyyy")
register_converter(converters.TwoDigitConverter, "dd")
register_converter(converters.IdConverter, "id")

app_name = "articles"
# A topic's or region's page names the first people, organisations and events about it.
ENTITY_LISTS = (PERSON_LIST, ORGANISATION_LIST, EVENT_LIST)
# Every public page but search (its queries are unbounded), previews and the editors'
# toolbar (never cached) is served from the page cache, and labelled for the HTTP cache
# in front with the keys of what it shows and of the lists it is one of (`shows`): see
# articles.cache and articles.surrogates.
urlpatterns = [
    path(
        "",
        cached_page(views.front_page, shows=(ARTICLE_LIST, EVENT_LIST, FRONT_PAGE)),
        name="front",
    ),
    path(
        "news/", cached_page(views.ArticleListView.as_view(), shows=(ARTICLE_LIST,)), name="news"
    ),
    path(
        "news/<yyyy:year>/<dd:month>/<dd:day>/<uslug:slug>/",
        cached_page(views.ArticleDetailView.as_view()),
        name="article",
    ),
    path(
        "topics/",
        cached_page(views.TopicListView.as_view(), shows=(ARTICLE_LIST, TOPIC_LIST)),
        name="topics",
    ),
    path(
        "topics/<uslug:slug>/",
        cached_page(views.TopicView.as_view(), shows=ENTITY_LISTS),
        name="topic",
    ),
    path(
        "regions/",
        cached_page(views.RegionListView.as_view(), shows=(ARTICLE_LIST, REGION_LIST)),
        name="regions",
    ),
    path(
        "regions/<uslug:slug>/",
        cached_page(views.RegionView.as_view(), shows=(*ENTITY_LISTS, REGION_LIST)),
        name="region",
    ),
    path(
        "people/", cached_page(views.PersonListView.as_view(), shows=(PERSON_LIST,)), name="people"
    ),
    path("people/<uslug:slug>/", cached_page(views.PersonView.as_view()), name="person"),
    path(
        "organisations/",
        cached_page(views.OrganisationListView.as_view(), shows=(ORGANISATION_LIST,)),
        name="organisations",
    ),
    path(
        "organisations/<uslug:slug>/",
        cached_page(views.OrganisationView.as_view()),
        name="organisation",
    ),
    path(
        "events/", cached_page(views.EventListView.as_view(), shows=(EVENT_LIST,)), name="events"
    ),
    path(
        "events/calendar.ics",
        cached_page(calendars.upcoming_calendar, shows=(EVENT_LIST,)),
        name="calendar",
    ),
    path("events/<uslug:slug>/", cached_page(views.EventView.as_view()), name="event"),
    path(
        "events/<uslug:slug>/event.ics",
        cached_page(calendars.event_calendar),
        name="event_calendar",
    ),
    path(
        "corrections/",
        cached_page(views.CorrectionListView.as_view(), shows=(CORRECTION_LIST,)),
        name="corrections",
    ),
    path("preview/<id:pk>/<str:token>/", views.shared_preview, name="shared_preview"),
    path("toolbar/<id:pk>/", views.editor_toolbar, name="toolbar"),
    path("search/", views.SearchView.as_view(), name="search"),
    # A file, not a page: streamed from storage, whichever backend holds it.
    path("documents/<str:name>", views.download, name="document"),
    path(
        "feeds/latest/",
        cached_page(feeds.LatestArticlesFeed.as_view(), shows=(ARTICLE_LIST,)),
        name="feed_latest",
    ),
    path(
        "feeds/latest/atom/",
        cached_page(feeds.LatestArticlesAtomFeed.as_view(), shows=(ARTICLE_LIST,)),
        name="feed_latest_atom",
    ),
    path("feeds/topics/<uslug:slug>/", cached_page(feeds.TopicFeed.as_view()), name="feed_topic"),
    path(
        "feeds/topics/<uslug:slug>/atom/",
        cached_page(feeds.TopicAtomFeed.as_view()),
        name="feed_topic_atom",
    ),
    path(
        "feeds/topics/<uslug:slug>/calendar.ics",
        cached_page(calendars.topic_calendar, shows=(EVENT_LIST,)),
        name="calendar_topic",
    ),
    path(
        "feeds/regions/<uslug:slug>/", cached_page(feeds.RegionFeed.as_view()), name="feed_region"
    ),
    path(
        "feeds/regions/<uslug:slug>/atom/",
        cached_page(feeds.RegionAtomFeed.as_view()),
        name="feed_region_atom",
    ),
    path(
        "feeds/regions/<uslug:slug>/calendar.ics",
        cached_page(calendars.region_calendar, shows=(EVENT_LIST,)),
        name="calendar_region",
    ),
    path(
        "feeds/people/<uslug:slug>/", cached_page(feeds.PersonFeed.as_view()), name="feed_person"
    ),
    path(
        "feeds/people/<uslug:slug>/atom/",
        cached_page(feeds.PersonAtomFeed.as_view()),
        name="feed_person_atom",
    ),
    path(
        "feeds/organisations/<uslug:slug>/",
        cached_page(feeds.OrganisationFeed.as_view()),
        name="feed_organisation",
    ),
    path(
        "feeds/organisations/<uslug:slug>/atom/",
        cached_page(feeds.OrganisationAtomFeed.as_view()),
        name="feed_organisation_atom",
    ),
    path(
        "feeds/corrections/",
        cached_page(feeds.CorrectionsFeed.as_view(), shows=(CORRECTION_LIST,)),
        name="feed_corrections",
    ),
    path(
        "feeds/corrections/atom/",
        cached_page(feeds.CorrectionsAtomFeed.as_view(), shows=(CORRECTION_LIST,)),
        name="feed_corrections_atom",
    ),
    path(
        "sitemap.xml",
        cached_page(sitemap_views.index, query_params=("p",), shows=EVERY_LIST),
        {
            "sitemaps": sitemaps.SITEMAPS,
            "sitemap_url_name": "articles:sitemap_section",
            "template_name": "articles/sitemap_index.xml",
        },
        name="sitemap",
    ),
    # Before the sections: the index links the news section here.
    path(
        "sitemap-news.xml",
        cached_page(sitemap_views.sitemap, query_params=("p",), shows=EVERY_LIST),
        {
            "sitemaps": sitemaps.SITEMAPS,
            "section": "news",
            "template_name": "articles/sitemap_news.xml",
        },
        name="sitemap_news",
    ),
    path(
        "sitemap-<slug:section>.xml",
        cached_page(sitemap_views.sitemap, query_params=("p",), shows=EVERY_LIST),
        {"sitemaps": sitemaps.SITEMAPS, "template_name": "articles/sitemap.xml"},
        name="sitemap_section",
    ),
    path(
        "robots.txt",
        cached_page(
            TemplateView.as_view(
                template_name="robots.txt", content_type="text/plain; charset=utf-8"
            )
        ),
        name="robots",
    ),
    # Last: a page's slug is none of the first parts above (articles.slugs).
    path("<uslug:slug>/", cached_page(views.PageView.as_view()), name="page"),
]
