"""Writing an article in the admin, in Chromium: nothing typed is lost, and the way from
the desk to a submitted story is short."""

import re

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import expect

from articles import workflow
from articles.models import Article, Autosave, Person, Region, Topic
from tests.browser.steps import Clicks, write_body
from tests.factories import draft_by

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

HEADLINE = "Tatarstan and Malaysia sign a halal trade agreement at KazanForum"
STANDFIRST = "The agreement opens Malaysian markets to producers from the republic."
BODY = "Delegations of both sides met on the forum's second day."


def is_autosave(response):
    return response.url.endswith("/autosave/") and response.request.method == "POST"


def test_a_writer_leaving_a_form_with_unsaved_text_is_asked_first(log_in):
    """Typed text and a click on another page: the browser asks; staying keeps the text."""
    page = log_in("writer", "Writers")
    page.goto("/admin/articles/article/add/")
    page.get_by_label("Headline").fill(HEADLINE)
    write_body(page, BODY)
    asked = []

    def stay(dialog):
        asked.append(dialog.type)
        dialog.dismiss()

    page.once("dialog", stay)
    people = page.locator("#nav-sidebar").get_by_role("link", name="People")
    people.click()
    expect(page).to_have_url(re.compile(r"/admin/articles/article/add/$"))
    expect(page.get_by_label("Headline")).to_have_value(HEADLINE)
    assert asked == ["beforeunload"]

    page.once("dialog", lambda dialog: dialog.accept())
    people.click()
    expect(page).to_have_url(re.compile(r"/admin/articles/person/$"))


def test_a_writer_saving_the_form_is_not_asked(log_in):
    """Saving leaves the page without a question, and keeps no autosave behind."""
    page = log_in("writer", "Writers")
    page.goto("/admin/articles/article/add/")
    page.get_by_label("Headline").fill(HEADLINE)
    asked = []
    page.on("dialog", lambda dialog: asked.append(dialog.type) or dialog.accept())
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("was added successfully")
    assert asked == []
    assert not Autosave.objects.exists()


def test_text_typed_before_the_tab_closed_is_offered_back(log_in):
    """A writer types and picks, the form keeps it, the tab closes; the form offers it
    back, whole: text, body, topic and byline."""
    topic = Topic.objects.create(name="Halal industry")
    person = Person.objects.create(name="Aisylu Sharipova")
    page = log_in("writer", "Writers")
    page.goto("/admin/articles/article/add/")
    pick(Clicks(), page, "topics", topic.name)
    page.locator("#bylines-group").get_by_role("button", name="Add another Byline").click()
    pick(Clicks(), page, "person", person.name, row="#bylines-0")
    with page.expect_response(is_autosave) as kept:
        page.get_by_label("Headline").fill(HEADLINE)
        page.get_by_label("Standfirst").fill(STANDFIRST)
        write_body(page, BODY)
    assert kept.value.ok
    expect(page.locator(".autosave-status")).to_contain_text("Draft kept at")
    assert not Article.objects.exists()
    context = page.context
    page.close()

    page = context.new_page()
    page.goto("/admin/articles/article/add/")
    offer = page.locator(".autosave-offer")
    expect(offer).to_contain_text(re.compile(r"You have unsaved text from \d\d:\d\d"))
    expect(page.get_by_label("Headline")).to_have_value("")
    offer.get_by_role("button", name="Restore").click()
    expect(offer).to_have_count(0)
    expect(page.get_by_label("Headline")).to_have_value(HEADLINE)
    expect(page.get_by_label("Standfirst")).to_have_value(STANDFIRST)
    expect(page.locator(".field-body [contenteditable=true]")).to_have_text(BODY)
    expect(page.locator(".field-topics .select2-selection__choice")).to_contain_text(topic.name)
    expect(page.locator("#bylines-0 .field-person")).to_contain_text(person.name)

    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("was added successfully")
    article = Article.objects.get()
    assert (article.headline, article.standfirst) == (HEADLINE, STANDFIRST)
    assert BODY in article.body
    assert list(article.topics.all()) == [topic]
    assert article.authors_in_order == [person]
    assert not Autosave.objects.exists()


def test_text_typed_while_another_editor_saved_is_offered_then_merged(log_in, editor):
    """An editor saves while a writer types; the writer's tab closes. Their text is offered
    back, and saving it first shows what the editor changed, for the writer to merge."""
    page = log_in("writer", "Writers")
    article = draft_by(User.objects.get(username="writer"), headline="Forum in Kazan")
    page.goto(f"/admin/articles/article/{article.pk}/change/")
    with page.expect_response(is_autosave):
        page.get_by_label("Headline").fill(HEADLINE)
    context = page.context
    page.close()
    article.standfirst = STANDFIRST
    workflow.save_edit(article, by=editor, editing=1)

    page = context.new_page()
    page.goto(f"/admin/articles/article/{article.pk}/change/")
    offer = page.locator(".autosave-offer")
    expect(offer).to_contain_text("typed into version 1: version 2 was saved since")
    offer.get_by_role("button", name="Restore").click()
    expect(page.get_by_label("Headline")).to_have_value(HEADLINE)
    page.get_by_role("button", name="Save and continue editing").click()

    expect(page.locator(".errorlist.nonfield")).to_contain_text(
        "editor saved this article (version 2)"
    )
    expect(page.locator(".errorlist.nonfield")).to_contain_text(f"“” → “{STANDFIRST}”")
    expect(page.get_by_label("Headline")).to_have_value(HEADLINE)
    # The writer merges what the editor changed into their own text.
    page.get_by_label("Standfirst").fill(STANDFIRST)
    page.get_by_role("button", name="Save and continue editing").click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    article.refresh_from_db()
    assert (article.revision, article.headline, article.standfirst) == (3, HEADLINE, STANDFIRST)
    assert not Autosave.objects.exists()


def test_a_box_unticked_before_the_tab_closed_is_unticked_when_restored(log_in):
    """A writer lets a hidden story be found by search engines again: the kept text says
    so, though an unticked box sends nothing with the form."""
    page = log_in("writer", "Writers")
    story = draft_by(User.objects.get(username="writer"), noindex=True)
    page.goto(f"/admin/articles/article/{story.pk}/change/")
    page.get_by_text("Search and social", exact=True).click()
    with page.expect_response(is_autosave):
        page.get_by_label("Hide from search engines").uncheck()
        page.get_by_label("Headline").fill(HEADLINE)
    page.reload()
    page.get_by_text("Search and social", exact=True).click()
    expect(page.get_by_label("Hide from search engines")).to_be_checked()
    page.locator(".autosave-offer").get_by_role("button", name="Restore").click()
    expect(page.get_by_label("Headline")).to_have_value(HEADLINE)
    expect(page.get_by_label("Hide from search engines")).not_to_be_checked()


def test_a_writer_discards_the_text_offered(log_in):
    """Discard forgets the kept text: it is not offered again."""
    page = log_in("writer", "Writers")
    page.goto("/admin/articles/article/add/")
    with page.expect_response(is_autosave):
        page.get_by_label("Headline").fill(HEADLINE)
    page.reload()
    page.get_by_role("button", name="Discard").click()
    expect(page.locator(".autosave-offer")).to_have_count(0)
    page.reload()
    expect(page.get_by_label("Headline")).to_be_visible()
    expect(page.locator(".autosave-offer")).to_have_count(0)
    assert not Autosave.objects.exists()


def test_the_body_is_spellchecked_counted_and_its_block_types_named(log_in):
    """The body's editor lets the browser check spelling, counts words, names its blocks."""
    page = log_in("writer", "Writers")
    page.goto("/admin/articles/article/add/")
    write_body(page, BODY)
    editor = page.locator(".field-body [contenteditable=true]")
    expect(editor).to_have_attribute("spellcheck", "true")
    expect(page.locator(".word-count")).to_have_text("10 words")
    menu = page.locator(".field-body .prose-menubar__selected")
    expect(menu).to_have_text("Paragraph")
    menu.click()
    page.locator(".prose-menubar__picker").get_by_role("button", name="Heading 2").click()
    expect(menu).to_have_text("Heading 2")
    expect(editor.locator("h2")).to_have_text(BODY)


def pick(click, page, field, name, row=""):
    """Choose `name` in a picker: a click to open it, the first letters typed, a click."""
    picker = page.locator(f"{row} .field-{field}".strip())
    click(picker.locator(".select2-selection"))
    page.keyboard.type(name[:5])
    click(page.locator(".select2-results__option", has_text=name))
    expect(picker.locator(".select2-selection")).to_contain_text(name)


def test_a_writer_files_a_tagged_story_for_review_in_eight_clicks(log_in):
    """From the desk: a story with two topics, a region and the writer's own byline,
    submitted for review, in at most eight clicks."""
    Topic.objects.create(name="Foreign trade")
    Topic.objects.create(name="Halal industry")
    Region.objects.create(name="Tatarstan")
    page = log_in("aisylu", "Writers")
    writer = Person.objects.create(
        name="Aisylu Sharipova",
        role_title="Correspondent",
        user=User.objects.get(username="aisylu"),
    )
    click = Clicks()

    page.goto("/admin/")
    click(page.locator("tr.model-article").get_by_role("link", name="Add"))
    page.get_by_label("Headline").fill(HEADLINE)
    page.get_by_label("Standfirst").fill(STANDFIRST)
    page.locator(".field-body [contenteditable=true]").fill(BODY)
    pick(click, page, "topics", "Foreign trade")
    pick(click, page, "topics", "Halal industry")
    pick(click, page, "regions", "Tatarstan")
    expect(page.locator("#bylines-group")).to_contain_text("Aisylu Sharipova")
    click(page.get_by_role("button", name="Save and submit for review"))

    expect(page.locator(".messagelist")).to_contain_text(f"“{HEADLINE}” is now in review.")
    expect(page.locator(".workflow-panel")).to_contain_text("State: In review")
    assert click.count <= 8
    article = Article.objects.get()
    assert article.in_review
    assert sorted(article.topics.values_list("name", flat=True)) == [
        "Foreign trade",
        "Halal industry",
    ]
    assert list(article.regions.values_list("name", flat=True)) == ["Tatarstan"]
    assert article.authors_in_order == [writer]
    assert BODY in article.body
