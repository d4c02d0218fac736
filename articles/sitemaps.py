"""Sitemaps: published articles, the things they are about, the indexes of topics and
regions, pages (About, Contacts) and a Google News sitemap of stories.

Articles hidden from search engines or copied from another site's original are in
neither the articles nor the news sitemap (`ArticleQuerySet.indexable`).

Every edition's pages are in them, each with its hreflang alternates: an article's are
its story's published language versions, a topic's or a person's its page in every
edition (Django's i18n sitemaps). Each names x-default, the default edition's page.

A topic, a region or a thing of one of LINK_KINDS (a person...) is listed once some
published article is about it; its lastmod is the newest such article's, or its own last change if later.
Each sitemap is one query.
"""

import datetime

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.db.models import Max, OuterRef, Q, Subquery
from django.utils import timezone

from .addresses import address
from .models import LINK_KINDS, Article, Region, Topic

NEWS_WINDOW = datetime.timedelta(days=2)


def whole_seconds(moment):
    """Crawlers want W3C datetimes; fractions of a second only add noise."""
    return moment.replace(microsecond=0)


class ArticleSitemap(Sitemap):
    changefreq = "never"
    priority = 0.8

    def items(self):
        return (
            Article.objects.published()
            .indexable()
            .with_versions()
            .only("language", "slug", "dateline", "updated_at", "published_at")
            .order_by("-published_at", "pk")
        )

    def lastmod(self, item):
        return whole_seconds(max(item.updated_at, item.published_at))

    def get_urls(self, page=1, site=None, protocol=None):
        urls = super().get_urls(page=page, site=site, protocol=protocol)
        origin = f"{self.get_protocol(protocol)}://{self.get_domain(site)}"
        for url in urls:
            versions = url["item"].edition_addresses()
            url["alternates"] = [
                {"lang_code": language, "location": f"{origin}{address}"}
                for language, address in versions.items()
            ]
            default = versions.get(settings.LANGUAGE_CODE, url["item"].get_absolute_url())
            url["alternates"].append({"lang_code": "x-default", "location": f"{origin}{default}"})
        return urls


class PageSitemap(ArticleSitemap):
    """Published pages, each with its language versions."""

    changefreq = "monthly"
    priority = 0.3

    def items(self):
        return (
            Article.objects.published_pages()
            .with_versions()
            .only("kind", "language", "slug", "dateline", "updated_at", "published_at")
            .order_by("pk")
        )


def newest_coverage(condition):
    """The newest published time among published articles meeting `condition`."""
    return Subquery(
        Article.objects.published()
        .filter(condition)
        .order_by("-published_at")
        .values("published_at")[:1]
    )


class CoverageSitemap(Sitemap):
    """Things some published article is about, each in every edition."""

    changefreq = "daily"
    priority = 0.5
    model = None
    i18n = True
    alternates = True
    x_default = True

    def about(self):
        """Return the condition on an article that it is about OuterRef('pk')."""
        raise NotImplementedError

    def items(self):
        return (
            self.model.objects.annotate(coverage_at=newest_coverage(self.about()))
            .filter(coverage_at__isnull=False)
            .order_by("pk")
        )

    def lastmod(self, item):
        return whole_seconds(max(item.coverage_at, getattr(item, "updated_at", item.coverage_at)))


class TopicSitemap(CoverageSitemap):
    model = Topic

    def about(self):
        return Q(topics=OuterRef("pk"))


class RegionSitemap(CoverageSitemap):
    model = Region

    def about(self):
        return Q(regions=OuterRef("pk"))


class LinkKindSitemap(CoverageSitemap):
    """The things of one of LINK_KINDS some published article is about."""

    kind = None

    def about(self):
        return self.kind.articles_about(OuterRef("pk"))


def link_kind_sitemap(kind):
    """Return the sitemap class of one of LINK_KINDS."""
    name = f"{kind.model.__name__}Sitemap"
    return type(name, (LinkKindSitemap,), {"kind": kind, "model": kind.model})


class IndexSitemap(Sitemap):
    """The pages that list every topic and every region, each in every edition."""

    changefreq = "daily"
    priority = 0.5
    i18n = True
    alternates = True
    x_default = True

    def items(self):
        # Each index changes as its counts do: with the newest publication.
        newest = Article.objects.published().aggregate(newest=Max("published_at"))["newest"]
        return [("articles:topics", newest), ("articles:regions", newest)]

    def location(self, item):
        return address(item[0])

    def lastmod(self, item):
        return item[1] and whole_seconds(item[1])


class NewsSitemap(ArticleSitemap):
    """Articles published in the last two days, for Google News."""

    limit = 1000  # Google News reads at most 1,000 URLs a sitemap.

    def items(self):
        since = timezone.now() - NEWS_WINDOW
        return (
            Article.objects.published()
            .indexable()
            .filter(published_at__gte=since)
            .only("language", "headline", "slug", "dateline", "updated_at", "published_at")
            .order_by("-published_at", "pk")
        )

    def get_urls(self, page=1, site=None, protocol=None):
        # Sitemap's own: Google News reads no alternates, the articles sitemap has them.
        urls = Sitemap.get_urls(self, page=page, site=site, protocol=protocol)
        for url in urls:
            url["language"] = url["item"].language
            url["published"] = whole_seconds(url["item"].published_at)
        return urls


SITEMAPS = {
    "articles": ArticleSitemap,
    "pages": PageSitemap,
    "topics": TopicSitemap,
    "regions": RegionSitemap,
    **{kind.name: link_kind_sitemap(kind) for kind in LINK_KINDS},
    "indexes": IndexSitemap,
    "news": NewsSitemap,
}
