"""What search engines and shared cards read of a story: its title, description, robots
and canonical address, set per story in the admin with previews of both."""

import re

import pytest
from django.test import TestCase
from django.urls import reverse

from articles import versions, workflow
from articles.admin.previews import truncated
from articles.models import Article
from tests.factories import article_form, make_article, make_image
from tests.pages import elements

pytestmark = pytest.mark.django_db

HOST = "http://testserver"


def head(response):
    """What a page's head tells a crawler: title, description, robots, canonical, cards."""
    page = response.content.decode()
    meta = {
        attrs.get("property") or attrs.get("name"): attrs["content"]
        for attrs in elements(response, "meta")
        if "content" in attrs
    }
    return {
        "title": re.search(r"<title>(.*?)</title>", page, re.S).group(1),
        "canonical": [link["href"] for link in elements(response, "link", rel="canonical")],
        **meta,
    }


def test_without_search_fields_a_story_is_described_by_its_headline_and_standfirst(client):
    article = make_article(headline="Lavrov in Kazan", standfirst="Talks on the forum.")
    tags = head(client.get(article.get_absolute_url()))
    assert tags["title"] == "Lavrov in Kazan · Newsroom"
    assert tags["description"] == "Talks on the forum."
    assert tags["og:title"] == tags["twitter:title"] == "Lavrov in Kazan"
    assert tags["og:description"] == tags["twitter:description"] == "Talks on the forum."
    assert tags["og:site_name"] == "Newsroom"
    assert tags["canonical"] == [f"{HOST}{article.get_absolute_url()}"]
    assert "robots" not in tags


def test_the_search_title_and_description_replace_headline_and_standfirst(client):
    article = make_article(
        headline="Lavrov in Kazan",
        meta_title="Lavrov at KazanForum 2024: what was agreed",
        meta_description="Russia and the OIC agree on three projects.",
    )
    tags = head(client.get(article.get_absolute_url()))
    assert tags["title"] == "Lavrov at KazanForum 2024: what was agreed"
    assert tags["description"] == "Russia and the OIC agree on three projects."
    assert tags["og:title"] == tags["twitter:title"] == article.meta_title
    assert tags["og:description"] == tags["twitter:description"] == article.meta_description


def test_the_publishers_name_is_the_cards_site_name(client, settings):
    settings.NEWSROOM_PUBLISHER_NAME = "Kazan Daily"
    tags = head(client.get(make_article().get_absolute_url()))
    assert tags["og:site_name"] == "Kazan Daily"
    assert tags["title"].endswith(" · Kazan Daily")


def test_a_story_hidden_from_search_engines_says_so_and_is_in_no_sitemap(client):
    hidden = make_article(headline="Not for search", slug="not-for-search", noindex=True)
    listed = make_article(headline="For search", slug="for-search")
    assert head(client.get(hidden.get_absolute_url()))["robots"] == "noindex"
    for url in (
        reverse("articles:sitemap_section", kwargs={"section": "articles"}),
        reverse("articles:sitemap_news"),
    ):
        sitemap = client.get(url).content.decode()
        assert listed.get_absolute_url() in sitemap, url
        assert hidden.get_absolute_url() not in sitemap, url


def test_a_syndicated_copy_points_search_engines_at_the_original(client):
    copy = make_article(canonical_url="https://partner.example/2024/lavrov-in-kazan")
    tags = head(client.get(copy.get_absolute_url()))
    assert tags["canonical"] == ["https://partner.example/2024/lavrov-in-kazan"]
    # The original is what the sitemaps would list: ours is not.
    sitemap = client.get(reverse("articles:sitemap_section", kwargs={"section": "articles"}))
    assert copy.get_absolute_url() not in sitemap.content.decode()


def test_readers_see_new_search_fields_only_once_they_are_published(client, superuser):
    article = make_article(headline="Lavrov in Kazan")
    article.meta_title = "A draft title nobody may see"
    article.noindex = True
    workflow.save_edit(article, by=superuser, editing=article.revision)
    tags = head(client.get(article.get_absolute_url()))
    assert tags["title"] == "Lavrov in Kazan · Newsroom"
    assert "robots" not in tags

    with TestCase.captureOnCommitCallbacks(execute=True):
        workflow.publish(Article.objects.get(pk=article.pk), by=superuser, override=True)
    tags = head(client.get(article.get_absolute_url()))
    assert tags["title"] == "A draft title nobody may see"
    assert tags["robots"] == "noindex"


def test_search_fields_are_kept_by_each_version_and_compared():
    article = make_article(meta_title="First title")
    old = article.versions.get(number=article.revision).content
    assert old["meta_title"] == "First title" and old["noindex"] == "False"
    new = {**old, "meta_title": "Second title", "noindex": "True"}
    assert {change.field for change in versions.changes(old, new)} == {"meta_title", "noindex"}


def test_a_version_saved_before_search_fields_existed_still_opens():
    article = make_article(meta_title="Kept", noindex=True)
    version = article.versions.get(number=article.revision)
    for name in ("meta_title", "meta_description", "noindex", "canonical_url"):
        del version.content[name]
    shown, _ = versions.preview_article(version)
    assert (shown.meta_title, shown.noindex, shown.canonical_url) == ("", False, "")


def test_a_translation_of_a_syndicated_story_names_no_original_address(superuser):
    source = make_article(canonical_url="https://partner.example/x", meta_title="Lavrov")
    draft = workflow.translate(source, "ru", by=superuser)
    assert (draft.canonical_url, draft.meta_title) == ("", "Lavrov")


# The admin: the fields, their limits and the previews.


def test_the_form_refuses_a_description_past_its_limit_and_keeps_the_text(client, editor):
    client.force_login(editor)
    long = "word " * 70
    response = client.post(
        reverse("admin:articles_article_add"),
        article_form(meta_description=long, canonical_url="javascript:alert(1)"),
    )
    assert response.status_code == 200
    form = response.context["adminform"].form
    assert "at most 320 characters" in form.errors["meta_description"][0]
    assert form.errors["canonical_url"]
    assert long.strip() in response.content.decode()
    assert not Article.objects.exists()


@pytest.mark.parametrize("address", ["ftp://partner.example/story", "mailto:desk@partner.example"])
def test_the_original_address_must_be_an_absolute_web_address(client, editor, address):
    client.force_login(editor)
    response = client.post(
        reverse("admin:articles_article_add"), article_form(canonical_url=address)
    )
    assert response.context["adminform"].form.errors["canonical_url"]


def test_the_form_saves_the_search_fields_as_a_version(client, editor):
    client.force_login(editor)
    client.post(
        reverse("admin:articles_article_add"),
        article_form(
            meta_title="Search title",
            meta_description="Search description.",
            noindex="on",
            canonical_url="https://partner.example/original",
        ),
    )
    article = Article.objects.get()
    assert (article.meta_title, article.meta_description, article.noindex) == (
        "Search title",
        "Search description.",
        True,
    )
    assert article.versions.get().content["canonical_url"] == "https://partner.example/original"


def test_the_article_form_previews_the_search_result_and_the_card(
    client, editor, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    settings.NEWSROOM_BASE_URL = "https://news.example.org"
    article = make_article(
        headline="Lavrov meets OIC ambassadors in Kazan to talk about the forum and what comes",
        slug="lavrov-meets-oic",
        standfirst="Russia keeps up its dialogue with the Islamic world. " * 5,
        hero_image=make_image(alt="Lavrov at the lectern"),
        social_image=make_image(alt="The forum's poster"),
    )
    client.force_login(editor)
    response = client.get(reverse("admin:articles_article_change", args=[article.pk]))
    page = response.content.decode()
    date = article.dateline
    assert (
        f"news.example.org › news › {date:%Y} › {date:%m} › {date:%d} › lavrov-meets-oic" in page
    )
    # Cut where a search result cuts, at a whole word.
    title = truncated(f"{article.headline} · Newsroom", 60)
    assert len(title) <= 60 and title.endswith("…")
    assert f'data-preview="title">{title}</p>' in page
    description = truncated(article.standfirst, 160)
    assert f'data-preview="description">{description}</p>' in page
    assert "NEWS.EXAMPLE.ORG" in page
    # The card shows the picture chosen for sharing over the story's own.
    [card] = elements(response, "img", class_="social-card-image")
    assert card["src"] == article.social_image.file.url
    # Drawn again as the editor types by a static script, under the CSP.
    assert elements(response, "script", src="/static/admin/js/search_preview.js")
    assert "<script>" not in page


def test_a_new_articles_previews_show_its_edition_without_an_address_yet(client, editor):
    client.force_login(editor)
    page = client.get(reverse("admin:articles_article_add")).content.decode()
    assert 'data-preview="breadcrumb">127.0.0.1:8000 › news</p>' in page


@pytest.mark.parametrize(
    ("text", "limit", "shown"),
    [
        ("Short enough", 60, "Short enough"),
        ("Lavrov meets ambassadors", 15, "Lavrov meets…"),
        ("Lavrov, meets", 10, "Lavrov…"),
        ("Onewordtoolongtofit", 10, "Onewordto…"),
        ("  spaces   inside\n", 60, "spaces inside"),
    ],
)
def test_previews_cut_text_at_the_last_whole_word(text, limit, shown):
    assert truncated(text, limit) == shown
