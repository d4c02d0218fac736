"""RSS 2.0 and Atom feeds of published articles: the latest, and per topic, region, person
and organisation; and of the corrections to them. Each feed runs a fixed number of
queries whatever its length."""

import mimetypes

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Enclosure
from django.utils.translation import gettext_lazy as _

from .models import Article, Correction, Organisation, Person, Region, Topic

FEED_LENGTH = 30


class NewsroomFeed(Feed):
    author_name = "Newsroom"

    @classmethod
    def as_view(cls):
        """Return a view that answers each request with a feed object of its own."""

        def view(request, *args, **kwargs):
            return cls()(request, *args, **kwargs)

        return view

    def __call__(self, request, *args, **kwargs):
        # Enclosure URLs are absolute, and only the request knows the site's address.
        self.request = request
        return super().__call__(request, *args, **kwargs)


class LatestArticlesFeed(NewsroomFeed):
    title = _("Newsroom: latest news")
    description = _("The latest articles published by Newsroom.")

    def link(self, obj=None):
        return reverse("articles:news")

    def articles(self, obj):
        # The feed's <language> is the active one (Feed.language unset): the edition's.
        return Article.objects.published().in_edition()

    def items(self, obj=None):
        return self.articles(obj).for_feed()[:FEED_LENGTH]

    def item_title(self, item):
        return item.headline

    def item_description(self, item):
        return item.standfirst

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        # Not updated_at: drafts saved since, unseen by readers, move it.
        return item.revised_at or item.published_at

    def item_author_name(self, item):
        names = [byline.person.name for byline in item.bylines.all()]
        return ", ".join(names) or item.byline or None

    def item_categories(self, item):
        return [tag.name for tag in [*item.topics.all(), *item.regions.all()]]

    def item_enclosures(self, item):
        if not item.hero_image:
            return []
        stored = item.hero_image.file
        try:
            length = stored.size
        except OSError:
            return []
        mime_type = mimetypes.guess_type(stored.name)[0] or "application/octet-stream"
        url = self.request.build_absolute_uri(stored.url)
        return [Enclosure(url, str(length), mime_type)]


class CoverageFeed(LatestArticlesFeed):
    """The articles a page about one thing lists (`ArticleQuerySet.about`)."""

    model = None

    def get_object(self, request, slug):
        return get_object_or_404(self.model, slug=slug)

    def title(self, obj):
        return _("Newsroom: %(name)s") % {"name": obj.name}

    def description(self, obj):
        return _("The latest articles about %(name)s.") % {"name": obj.name}

    def link(self, obj):
        return obj.get_absolute_url()

    def articles(self, obj):
        return Article.objects.published().in_edition().about(obj)


class TopicFeed(CoverageFeed):
    model = Topic


class RegionFeed(CoverageFeed):
    """Articles tagged with the region or any region inside it."""

    model = Region


class PersonFeed(CoverageFeed):
    """Articles that mention the person or carry their byline."""

    model = Person


class OrganisationFeed(CoverageFeed):
    model = Organisation


class CorrectionsFeed(NewsroomFeed):
    """The public record of corrections (`Correction.objects.for_record`), newest first:
    a story readers may no longer see is named by none of its text."""

    title = _("Newsroom: corrections")
    description = _("Corrections to stories published by Newsroom.")
    item_guid_is_permalink = False

    def link(self, obj=None):
        return reverse("articles:corrections")

    def items(self, obj=None):
        return Correction.objects.for_record()[:FEED_LENGTH]

    def item_title(self, item):
        if not item.story_readable:
            return _("A story no longer published was corrected")
        return _("%(headline)s: corrected") % {"headline": item.article.headline}

    def item_description(self, item):
        return item.note

    def item_link(self, item):
        if not item.story_readable:
            return item.get_absolute_url()
        return f"{item.article.get_absolute_url()}#corrections"

    def item_guid(self, item):
        # A story corrected twice has one address: each correction its own place.
        return self.request.build_absolute_uri(item.get_absolute_url())

    def item_pubdate(self, item):
        return item.corrected_at


def atom(feed):
    """Return the Atom twin of an RSS feed class."""
    return type(
        f"{feed.__name__}Atom",
        (feed,),
        {"feed_type": Atom1Feed, "subtitle": feed.description, "__doc__": feed.__doc__},
    )


LatestArticlesAtomFeed = atom(LatestArticlesFeed)
TopicAtomFeed = atom(TopicFeed)
RegionAtomFeed = atom(RegionFeed)
PersonAtomFeed = atom(PersonFeed)
OrganisationAtomFeed = atom(OrganisationFeed)
CorrectionsAtomFeed = atom(CorrectionsFeed)
