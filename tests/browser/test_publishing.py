import re

import pytest
from playwright.sync_api import expect

from articles.models import Article, Person, Region, Topic
from tests.browser.steps import open_from_review_queue, take_step, write_body

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

HEADLINE = "Minnikhanov opens the interfaith forum in Kazan"
BODY = "Leaders of the faiths of Tatarstan met in Kazan."


def save(page):
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist .success")).to_contain_text("was added successfully")


def pick(page, field, name):
    """Choose name in the select2 autocomplete of field, as an editor types and clicks."""
    page.locator(f".field-{field} .select2-selection").click()
    page.locator(f".field-{field} .select2-search__field").fill(name[:5])
    page.locator(".select2-results__option", has_text=name).click()
    expect(page.locator(f".field-{field} .select2-selection__choice")).to_contain_text(name)


def test_an_editor_publishes_a_tagged_article_and_a_reader_finds_it(new_page, log_in):
    """An editor tags and submits an article, another publishes it; readers reach it by every tag."""
    Region.objects.create(name="Tatarstan")
    page = log_in("editor", "Editors")

    page.goto("/admin/articles/topic/add/")
    # A name in each language: the default one is required.
    page.get_by_label("Name [en]:", exact=True).fill("Interfaith dialogue")
    save(page)

    page.goto("/admin/articles/person/add/")
    page.get_by_label("Name [en]:", exact=True).fill("Rustam Minnikhanov")
    page.get_by_label("Name [ru]:", exact=True).fill("Рустам Минниханов")
    page.get_by_label("Role title [en]:", exact=True).fill("Rais of Tatarstan")
    save(page)

    page.goto("/admin/articles/article/add/")
    page.get_by_label("Headline").fill(HEADLINE)
    write_body(page, BODY)
    pick(page, "people", "Rustam Minnikhanov")
    pick(page, "topics", "Interfaith dialogue")
    pick(page, "regions", "Tatarstan")
    save(page)
    page.locator(".messagelist").get_by_role("link", name=HEADLINE).click()
    take_step(page, "Submit for review")
    expect(page.locator(".workflow-panel")).to_contain_text("State: In review")

    second = log_in("second-editor", "Editors")
    open_from_review_queue(second, HEADLINE)
    take_step(second, "Publish")
    expect(second.locator(".workflow-panel")).to_contain_text("State: Published")

    article = Article.objects.published().get(headline=HEADLINE)
    assert BODY in article.body
    topic = Topic.objects.get(name="Interfaith dialogue")
    person = Person.objects.get(name="Rustam Minnikhanov")
    assert list(article.topics.all()) == [topic]
    assert list(article.regions.values_list("name", flat=True)) == ["Tatarstan"]
    assert list(article.people.all()) == [person]

    reader = new_page()
    for path in [
        "/",
        f"/topics/{topic.slug}/",
        "/regions/tatarstan/",
        f"/people/{person.slug}/",
    ]:
        reader.goto(path)
        expect(reader.get_by_role("link", name=HEADLINE)).to_be_visible()

    reader.get_by_role("link", name=HEADLINE).click()
    expect(reader).to_have_url(re.compile(rf"/news/\d{{4}}/\d{{2}}/\d{{2}}/{article.slug}/$"))
    expect(reader.get_by_role("heading", level=1)).to_have_text(HEADLINE)
    expect(reader.get_by_text(BODY)).to_be_visible()
    # The person page in the Russian edition names them as the editor wrote in Russian.
    reader.goto(f"/ru/people/{person.slug}/")
    expect(reader.get_by_role("heading", level=1)).to_have_text("Рустам Минниханов")
