"""What a story looks like where it is found: a search result and a shared card, as the
article form shows them (static/admin/js/search_preview.js redraws them while the editor
types, by the same rules as `truncated` and these limits)."""

import json
from urllib.parse import urlsplit

from django.conf import settings
from django.template.loader import render_to_string

from articles.addresses import address
from articles.models import Article
from articles.models.articles import META_DESCRIPTION_ADVISED, META_TITLE_ADVISED

# Characters a shared card shows of its title and description before it cuts them.
CARD_TITLE = 70
CARD_DESCRIPTION = 110


def truncated(text: str, limit: int) -> str:
    """`text` cut as a search engine cuts it: at the last whole word that fits `limit`
    characters with the ellipsis."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,.;:—-") + "…"


def path_of(article: Article) -> str:
    """The story's address on this site as it stands in the form (its edition's news
    section alone while it has no slug yet)."""
    if article.slug and article.dateline:
        return article.get_absolute_url()
    return address("articles:news", language=article.language)


def search_and_social(article: Article) -> str:
    """The previews of the article form, drawn from the article as the form holds it."""
    domain = urlsplit(settings.NEWSROOM_BASE_URL).netloc
    shared = article.shared_image
    description = article.search_description or article.headline
    return render_to_string(
        "admin/articles/article/includes/search_preview.html",
        {
            "domain": domain,
            "origin": settings.NEWSROOM_BASE_URL,
            "breadcrumb": " › ".join([domain, *filter(None, path_of(article).split("/"))]),
            "title": truncated(article.page_title, META_TITLE_ADVISED),
            "description": truncated(description, META_DESCRIPTION_ADVISED),
            "card_title": truncated(article.search_title, CARD_TITLE),
            "card_description": truncated(article.search_description, CARD_DESCRIPTION),
            "image": shared.file.url if shared else "",
            "config": json.dumps(
                {
                    "suffix": Article.page_title_suffix(),
                    "language": article.language,
                    "limits": {
                        "title": META_TITLE_ADVISED,
                        "description": META_DESCRIPTION_ADVISED,
                        "cardTitle": CARD_TITLE,
                        "cardDescription": CARD_DESCRIPTION,
                    },
                    # Each edition's news section, which a story's address starts with.
                    "news": {
                        code: address("articles:news", language=code)
                        for code, _name in settings.LANGUAGES
                    },
                }
            ),
        },
    )
