"""The workflow through the admin: every role, every step, every way in."""

import datetime
import itertools
import re

import pytest
from django.contrib.auth.models import User
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from articles import versions, workflow
from articles.models import Article
from tests.factories import article_form, draft_by, make_person, make_user, submitted_by

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(db):
    return {
        "author": make_user("author", "Writers"),
        "other writer": make_user("other-writer", "Writers"),
        "editor": make_user("editor", "Editors"),
        "superuser": make_user("chief", is_superuser=True),
    }


def start(transition, people):
    """Return an article in the state the transition starts from, written by the author."""
    author = people["author"]
    if transition == "submit":
        return draft_by(author)
    if transition in ("send_back", "publish"):
        return submitted_by(author)
    if transition == "unpublish":
        helper = make_user("desk", "Editors")
        return workflow.publish(submitted_by(author), by=helper)
    raise AssertionError(transition)


def moved(article, transition):
    article.refresh_from_db()
    return {
        "submit": article.in_review,
        "send_back": not article.in_review,
        "publish": article.status == Article.Status.PUBLISHED,
        "unpublish": article.status == Article.Status.UNPUBLISHED,
    }[transition]


def via_step_page(client, article, transition):
    client.post(
        reverse("admin:articles_article_workflow", args=[article.pk, transition]),
        {"comment": "Checked."},
    )


def via_bulk_action(client, article, transition):
    client.post(
        reverse("admin:articles_article_changelist"),
        {"action": f"{transition}_selected", "_selected_action": [article.pk]},
    )


def via_change_form(client, article, transition):
    """A crafted change-form POST that tries to set workflow fields directly."""
    client.post(
        reverse("admin:articles_article_change", args=[article.pk]),
        article_form(
            edited_revision=article.revision,
            status={"publish": "published", "unpublish": "unpublished"}.get(transition, "draft"),
            submitted_at="2026-01-01 00:00" if transition == "submit" else "",
            live_revision=article.revision,
        ),
    )


def via_crafted_override(client, article, transition):
    """A step POST with a superuser-only field forged in."""
    client.post(
        reverse("admin:articles_article_workflow", args=[article.pk, transition]),
        {"comment": "Checked.", "override": "on"},
    )


ALLOWED = {
    ("submit", "author"): True,
    ("submit", "other writer"): False,
    ("submit", "editor"): True,
    ("submit", "superuser"): True,
    ("send_back", "author"): False,
    ("send_back", "other writer"): False,
    ("send_back", "editor"): True,
    ("send_back", "superuser"): True,
    ("publish", "author"): False,
    ("publish", "other writer"): False,
    ("publish", "editor"): True,
    ("publish", "superuser"): True,
    ("unpublish", "author"): False,
    ("unpublish", "other writer"): False,
    ("unpublish", "editor"): True,
    ("unpublish", "superuser"): True,
}
ROUTES = {
    "step page": via_step_page,
    "bulk action": via_bulk_action,
    "change form": via_change_form,
    "crafted POST": via_crafted_override,
}
BULK_STEPS = {"submit", "publish", "unpublish"}


@pytest.mark.parametrize(
    "transition, role, route",
    [
        (transition, role, route)
        for (transition, role), route in itertools.product(ALLOWED, ROUTES)
        if route != "bulk action" or transition in BULK_STEPS
    ],
)
def test_permission_matrix(client, people, transition, role, route):
    """Each role can take exactly its own steps, whichever way the request comes in."""
    article = start(transition, people)
    client.force_login(people[role])

    ROUTES[route](client, article, transition)

    expected = ALLOWED[transition, role] and route != "change form"
    assert moved(article, transition) == expected


def test_a_writer_cannot_publish_by_a_crafted_post(client, people):
    article = submitted_by(people["author"])
    client.force_login(people["author"])
    response = client.post(
        reverse("admin:articles_article_workflow", args=[article.pk, "publish"]),
        {"override": "on"},
        follow=True,
    )
    # Refused with the reason on the article's page, never a bare 403 page.
    assert "Publish: You may not publish articles." in response.content.decode()
    assert not Article.objects.published().exists()


def test_a_bulk_publish_reports_what_it_refused(client, people):
    mine = submitted_by(people["editor"], headline="Mine")
    theirs = submitted_by(people["author"], headline="Theirs")
    client.force_login(people["editor"])
    response = client.post(
        reverse("admin:articles_article_changelist"),
        {"action": "publish_selected", "_selected_action": [mine.pk, theirs.pk]},
        follow=True,
    )
    page = response.content.decode()
    assert "Published 1 article." in page
    assert "Nobody approves their own submission" in page
    assert list(Article.objects.published()) == [theirs]


def test_sending_back_without_a_comment_shows_the_form_again(client, people):
    article = submitted_by(people["author"])
    client.force_login(people["editor"])
    response = client.post(
        reverse("admin:articles_article_workflow", args=[article.pk, "send_back"]),
        {"comment": ""},
    )
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    article.refresh_from_db()
    assert article.in_review


def test_the_review_queue_lists_submissions_oldest_first_and_is_counted_on_the_index(
    client, people
):
    first = submitted_by(people["author"], headline="Older submission")
    submitted_by(people["author"], headline="Newer submission")
    draft_by(people["author"], headline="Not submitted")
    client.force_login(people["editor"])

    index = client.get(reverse("admin:index")).content.decode()
    queue = client.get(reverse("admin:articles_submission_changelist")).content.decode()

    assert "Review queue (2 waiting)" in index
    assert queue.index("Older submission") < queue.index("Newer submission")
    assert "Not submitted" not in queue
    assert "author" in queue
    assert reverse("admin:articles_article_change", args=[first.pk]) in queue


def test_the_history_shows_every_decision_with_its_comment(client, people):
    article = submitted_by(people["author"])
    workflow.send_back(article, by=people["editor"], comment="Add the date of the forum.")
    client.force_login(people["editor"])
    history = client.get(reverse("admin:articles_article_history", args=[article.pk]))
    page = history.content.decode()
    assert "Sent back" in page and "Add the date of the forum." in page
    assert "Submitted for review" in page


def edit(client, article, **changes):
    """Open the change form as a person would, then post it with changes."""
    form = client.get(reverse("admin:articles_article_change", args=[article.pk]))
    adminform = form.context["adminform"].form
    data = article_form(edited_revision=adminform["edited_revision"].value())
    for name in versions.CONTENT_FIELDS:
        if name != "hero_image":
            data[name] = adminform.initial.get(name) or ""
    data.update(changes)
    return data


def test_two_people_saving_the_same_article_the_second_is_refused_and_both_texts_survive(
    client, people
):
    article = draft_by(people["editor"], headline="Lavrov in Kazan")
    first, second = client, client.__class__()
    first.force_login(people["editor"])
    second.force_login(make_user("desk", "Editors"))
    url = reverse("admin:articles_article_change", args=[article.pk])
    first_edit = edit(first, article, headline="Lavrov speaks in Kazan")
    second_edit = edit(second, article, headline="Lavrov meets ambassadors in Kazan")

    assert first.post(url, first_edit).status_code == 302
    refused = second.post(url, second_edit)

    assert refused.status_code == 200
    page = refused.content.decode()
    assert "while you were editing version 1" in page
    assert "Lavrov speaks in Kazan" in page  # what changed meanwhile
    assert 'value="Lavrov meets ambassadors in Kazan"' in page  # their text is still in the form
    article.refresh_from_db()
    assert article.headline == "Lavrov speaks in Kazan"
    # Saving again, knowingly, applies the second text; the first stays a version.
    resubmitted = second_edit | {
        "edited_revision": refused.context["adminform"].form["edited_revision"].value()
    }
    assert second.post(url, resubmitted).status_code == 302
    headlines = [v.content["headline"] for v in article.versions.order_by("number")]
    assert headlines == [
        "Lavrov in Kazan",
        "Lavrov speaks in Kazan",
        "Lavrov meets ambassadors in Kazan",
    ]


def test_editing_a_live_article_keeps_the_published_text_until_an_editor_publishes(client, people):
    article = workflow.publish(submitted_by(people["author"]), by=people["editor"])
    client.force_login(people["editor"])
    url = reverse("admin:articles_article_change", args=[article.pk])

    client.post(url, edit(client, article, headline="Corrected headline"))

    assert Article.objects.published().get().headline == "Forum in Kazan"
    form = client.get(url).context["adminform"].form
    assert form.initial["headline"] == "Corrected headline"
    assert client.get(article.get_absolute_url()).content.decode().count("Corrected") == 0

    workflow.submit(article, by=people["editor"])
    workflow.publish(article, by=people["superuser"])
    assert "Corrected headline" in client.get(article.get_absolute_url()).content.decode()


def bylines_as_shown(page, *added):
    """The change form's byline rows posted back as a browser would, with people added."""
    formset = page.context["inline_admin_formsets"][0].formset
    data = {
        f"{formset.prefix}-TOTAL_FORMS": len(formset.forms) + len(added),
        f"{formset.prefix}-INITIAL_FORMS": formset.initial_form_count(),
    }
    for form in formset.forms:
        for name in form.fields:
            if name != "DELETE" and form[name].value() is not None:
                data[form.add_prefix(name)] = form[name].value()
    for index, person in enumerate(added, start=len(formset.forms)):
        data[f"{formset.prefix}-{index}-person"] = person.pk
        data[f"{formset.prefix}-{index}-position"] = index
    return data


def test_bylines_of_a_live_articles_working_copy_survive_a_second_edit(client, people):
    lavrov, zakharova = make_person(), make_person(name="Maria Zakharova")
    article = draft_by(people["author"])
    article.bylines.create(person=lavrov)
    workflow.save_edit(article, by=people["author"], editing=article.revision)
    article = workflow.publish(workflow.submit(article, by=people["author"]), by=people["editor"])
    client.force_login(people["editor"])
    url = reverse("admin:articles_article_change", args=[article.pk])

    first = edit(client, article) | bylines_as_shown(client.get(url), zakharova)
    assert client.post(url, first).status_code == 302
    # The form shows the working copy's bylines, so saving it again keeps the new one.
    shown = client.get(url)
    second = edit(client, article, headline="Corrected headline") | bylines_as_shown(shown)
    assert client.post(url, second).status_code == 302

    article.refresh_from_db()
    newest = article.versions.get(number=article.revision).content
    assert (newest["headline"], newest["bylines"]) == (
        "Corrected headline",
        [lavrov.pk, zakharova.pk],
    )
    assert "Zakharova" not in client.get(article.get_absolute_url()).content.decode()
    workflow.submit(article, by=people["editor"])
    workflow.publish(article, by=people["superuser"])
    assert "Zakharova" in client.get(article.get_absolute_url()).content.decode()


def test_editing_an_unpublished_article_with_changes_saves_its_bylines(client, people):
    lavrov, zakharova = make_person(), make_person(name="Maria Zakharova")
    article = workflow.publish(submitted_by(people["author"]), by=people["editor"])
    client.force_login(people["editor"])
    url = reverse("admin:articles_article_change", args=[article.pk])
    client.post(url, edit(client, article) | bylines_as_shown(client.get(url), lavrov))
    workflow.unpublish(article, by=people["editor"])

    more = edit(client, article) | bylines_as_shown(client.get(url), zakharova)
    assert client.post(url, more).status_code == 302

    assert [b.person for b in article.bylines.all()] == [lavrov, zakharova]


def test_a_working_copy_refuses_the_same_byline_twice_and_keeps_the_form(client, people):
    lavrov = make_person()
    article = workflow.publish(submitted_by(people["author"]), by=people["editor"])
    client.force_login(people["editor"])
    url = reverse("admin:articles_article_change", args=[article.pk])
    client.post(url, edit(client, article) | bylines_as_shown(client.get(url), lavrov))
    saved = article.versions.count()

    twice = edit(client, article, headline="Typed") | bylines_as_shown(client.get(url), lavrov)
    response = client.post(url, twice)

    assert response.status_code == 200
    assert "duplicate data for person" in response.content.decode()
    assert response.context["adminform"].form["headline"].value() == "Typed"
    assert article.versions.count() == saved


def test_every_save_keeps_a_version_with_who_when_and_the_note(client, people):
    client.force_login(people["editor"])
    client.post(reverse("admin:articles_article_add"), article_form(version_note="First go"))
    article = Article.objects.get()
    client.post(
        reverse("admin:articles_article_change", args=[article.pk]),
        edit(client, article, headline="Second go", version_note="Tighter headline"),
    )
    saved = [(v.number, v.created_by, v.comment) for v in article.versions.order_by("number")]
    assert saved == [(1, people["editor"], "First go"), (2, people["editor"], "Tighter headline")]


def test_an_editor_compares_two_versions_field_by_field_and_restores_one(client, people):
    article = draft_by(people["author"], headline="Old headline")
    article.headline = "New headline"
    article.save()
    workflow.save_edit(article, by=people["author"], editing=article.revision)
    client.force_login(people["editor"])

    page = client.get(
        reverse("admin:articles_article_versions", args=[article.pk]), {"a": 1, "b": 2}
    ).content.decode()
    assert "<del>Old</del><ins>New</ins> headline" in page
    assert "<td>headline</td>" in page  # what version 2 changed, in the list

    client.post(reverse("admin:articles_article_restore", args=[article.pk, 1]))
    article.refresh_from_db()
    assert (article.headline, article.revision) == ("Old headline", 3)


def test_staff_preview_any_version_in_the_public_layout_never_cached_nor_indexed(client, people):
    article = draft_by(people["author"], headline="Preview me")
    client.force_login(people["editor"])
    response = client.get(reverse("admin:articles_article_preview", args=[article.pk, 1]))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert response["X-Robots-Tag"].startswith("noindex")
    assert "Preview me" in response.content.decode()
    assert 'class="site-header"' in response.content.decode()

    User.objects.create_user("reader", password="pw")
    client.force_login(User.objects.get(username="reader"))
    assert (
        client.get(reverse("admin:articles_article_preview", args=[article.pk, 1])).status_code
        == 302
    )


def nested_forms(page):
    """Return how many <form> tags open inside another form: browsers drop them."""
    from html.parser import HTMLParser

    class Counter(HTMLParser):
        depth = nested = 0

        def handle_starttag(self, tag, attrs):
            if tag == "form":
                self.nested += self.depth > 0
                self.depth += 1

        def handle_endtag(self, tag):
            if tag == "form":
                self.depth -= 1

    counter = Counter()
    counter.feed(page)
    return counter.nested


def test_the_change_form_nests_no_form_so_its_buttons_save_it(client, people):
    article = draft_by(people["author"])
    workflow.share(article, by=people["author"])
    client.force_login(people["author"])
    page = client.get(reverse("admin:articles_article_change", args=[article.pk]))
    assert "Make a share link" in page.content.decode() and "Revoke" in page.content.decode()
    assert nested_forms(page.content.decode()) == 0


def test_a_writer_sees_the_editors_comment_until_resubmitting(client, people):
    article = submitted_by(people["author"])
    workflow.send_back(article, by=people["editor"], comment="Name the forum's dates.")
    client.force_login(people["author"])
    url = reverse("admin:articles_article_change", args=[article.pk])
    assert "Name the forum&#x27;s dates." in client.get(url).content.decode()

    workflow.submit(article, by=people["author"])
    client.force_login(people["editor"])
    assert "Name the forum" not in client.get(url).content.decode()


def test_a_new_article_opens_on_its_own_page_ready_to_submit(client, people):
    client.force_login(people["author"])
    response = client.post(reverse("admin:articles_article_add"), article_form())
    article = Article.objects.get()
    assert response["Location"] == reverse("admin:articles_article_change", args=[article.pk])


# Every button the admin offers leads to a step the server accepts; none it refuses is offered.


def article_in(state, people):
    """Return a new article by the author (or, for "own review", the editor) in `state`."""
    author, desk = people["author"], make_user(f"desk-{Article.objects.count()}", "Editors")
    hour = datetime.timedelta(hours=1)
    if state == "draft":
        return draft_by(author)
    if state == "in review":
        return submitted_by(author)
    if state == "editor's own in review":
        return submitted_by(people["editor"])
    if state == "scheduled":
        return workflow.publish(submitted_by(author), by=desk, at=timezone.now() + hour)
    if state == "expired":
        at = timezone.now() - 2 * hour
        return workflow.publish(submitted_by(author), by=desk, at=at, until=at + hour)
    article = workflow.publish(submitted_by(author), by=desk)
    if state.startswith("unpublished"):
        article = workflow.unpublish(article, by=desk)
    if state.endswith("changed"):
        article.headline = "Changed headline"
        workflow.save_edit(article, by=author, editing=article.revision)
    if state == "live, changes in review":
        article.headline = "Changed headline"
        workflow.save_edit(article, by=author, editing=article.revision)
        workflow.submit(article, by=author)
    if state.startswith("live, the editor's change"):
        article.headline = "Corrected headline"
        workflow.save_edit(article, by=people["editor"], editing=article.revision)
    if state == "live, the editor's change in review":
        workflow.submit(article, by=people["editor"])
    return article


ARTICLE_STATES = [
    "draft",
    "in review",
    "editor's own in review",
    "scheduled",
    "expired",
    "live",
    "live, changed",
    "live, changes in review",
    "live, the editor's change",
    "live, the editor's change in review",
    "unpublished",
    "unpublished, changed",
]
BUTTON_STEPS = [name for name, step in workflow.STEPS.items() if step.button]
LOGGED_AS = {
    "submit": {"submitted"},
    "send_back": {"sent_back"},
    "publish": {"published", "scheduled"},
    "unpublish": {"unpublished"},
    "correct": {"corrected"},
    "withdraw": {"withdrawn"},
}


def offered_steps(client, article):
    response = client.get(reverse("admin:articles_article_change", args=[article.pk]))
    if response.status_code == 403:
        return set()
    assert response.status_code == 200
    return set(re.findall(rf"/{article.pk}/workflow/(\w+)/", response.content.decode()))


@pytest.mark.parametrize("state", ARTICLE_STATES)
@pytest.mark.parametrize("role", ["author", "other writer", "editor", "superuser"])
def test_every_step_offered_is_accepted_and_every_step_refused_is_not_offered(
    client, people, state, role
):
    client.force_login(people[role])
    offered = offered_steps(client, article_in(state, people))
    for name in BUTTON_STEPS:
        article = article_in(state, people)
        logged = article.log.count()
        response = client.post(
            reverse("admin:articles_article_workflow", args=[article.pk, name]),
            # The publish page offers superusers the override: ticking it is part of the step.
            {"comment": "Checked.", **({"override": "on"} if role == "superuser" else {})},
        )
        assert response.status_code in (200, 302), (name, response.status_code)
        taken = article.log.filter(action__in=LOGGED_AS[name]).count() > 0 and (
            article.log.count() > logged
        )
        assert taken == (name in offered), f"{name} offered={name in offered} taken={taken}"


def test_a_writer_cannot_save_another_article_as_new(client, people):
    desk = make_user("desk", "Editors")
    published = workflow.publish(submitted_by(people["other writer"]), by=desk)
    client.force_login(people["author"])
    response = client.post(
        reverse("admin:articles_article_change", args=[published.pk]),
        article_form(headline="Copied", _saveasnew="Save as new"),
        follow=True,
    )
    assert "You may copy only the articles you may edit." in response.content.decode()
    assert Article.objects.count() == 1


def test_a_slug_another_articles_working_copy_waits_to_take_is_a_field_error(client, people):
    desk = make_user("desk", "Editors")
    live = workflow.publish(submitted_by(people["author"], headline="Forum opens"), by=desk)
    live.slug = "renamed-slug"
    workflow.save_edit(live, by=people["author"], editing=live.revision)

    client.force_login(people["other writer"])
    response = client.post(
        reverse("admin:articles_article_add"), article_form(slug="renamed-slug")
    )
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["slug"] == [
        "“Forum opens” has this address, or will once its changes are published: choose another."
    ]
    assert Article.objects.count() == 1


def test_publishing_onto_a_taken_slug_is_refused_on_the_page_not_a_500(client, people):
    desk = make_user("desk", "Editors")
    live = workflow.publish(submitted_by(people["author"], headline="Forum opens"), by=desk)
    live.slug = "renamed-slug"
    workflow.save_edit(live, by=people["author"], editing=live.revision)
    workflow.submit(live, by=people["author"])
    draft_by(people["other writer"], headline="Other story", slug="renamed-slug")

    client.force_login(people["editor"])
    response = client.post(
        reverse("admin:articles_article_workflow", args=[live.pk, "publish"]), {"comment": ""}
    )
    assert response.status_code == 200
    assert "belongs to another article, “Other story”" in response.content.decode()
    live.refresh_from_db()
    assert live.slug == "forum-opens"


def test_a_writer_reads_their_story_in_review_rendered_and_may_withdraw_it(client, people):
    article = submitted_by(people["author"], body="<p>The forum <strong>opens</strong>.</p>")
    client.force_login(people["author"])
    url = reverse("admin:articles_article_change", args=[article.pk])
    page = client.get(url).content.decode()
    assert "<p>The forum <strong>opens</strong>.</p>" in page
    assert "&lt;p&gt;" not in page
    withdraw = reverse("admin:articles_article_workflow", args=[article.pk, "withdraw"])
    assert f'href="{withdraw}"' in page

    client.post(withdraw, {"comment": ""})
    page = client.get(url).content.decode()
    assert 'name="headline"' in page
    assert "withdraw" not in page


# A walk through the admin as each role, for an article in each state: no page links to
# a step, or holds a button for one, that the server then refuses.

LINK = re.compile(r'href="(/admin/[^"#]*)"')
POST_FORM = re.compile(r'<form[^>]*method="post"[^>]*action="(/admin/[^"]*)"', re.IGNORECASE)
NEVER_FOLLOWED = ("/logout/", "/password_change/", "/jsi18n/", "/delete/")


def refused(response):
    """Whether the page answered 403, or came back with a refusal as an error message.

    The request's messages, not the template's context: the previews the admin links to
    are public pages, which Jinja2 renders and which leave the test client no context.
    """
    if response.status_code == 403:
        return True
    return any(message.level_tag == "error" for message in get_messages(response.wsgi_request))


def pages_to_walk(client, article):
    """Every admin page a link on the desk, the lists or the article's pages leads to that
    concerns the article, and the post buttons found on them."""
    own = f"/admin/articles/article/{article.pk}/"
    start = [
        reverse("admin:index"),
        reverse("admin:articles_article_changelist"),
        reverse("admin:articles_submission_changelist"),
        reverse("admin:articles_correction_changelist"),
        own + "change/",
    ]
    seen, queue, buttons = set(), list(start), set()
    while queue:
        url = queue.pop().replace("&amp;", "&")
        if url in seen or any(part in url for part in NEVER_FOLLOWED):
            continue
        seen.add(url)
        response = client.get(url)
        if response.status_code != 200:
            continue
        page = response.content.decode()
        queue += [link for link in LINK.findall(page) if link.startswith(own)]
        buttons |= {action for action in POST_FORM.findall(page) if action.startswith(own)}
    return seen - set(start[:4]), buttons


@pytest.mark.parametrize("state", ARTICLE_STATES)
@pytest.mark.parametrize("role", ["author", "other writer", "editor", "superuser"])
def test_no_admin_page_offers_a_step_that_the_server_refuses(client, people, state, role):
    article = article_in(state, people)
    client.force_login(people[role])
    links, buttons = pages_to_walk(client, article)
    for url in sorted(links):
        response = client.get(url, follow=True)
        if response.status_code == 403 and url == f"/admin/articles/article/{article.pk}/change/":
            continue  # the way in, not a link: a colleague's article is not theirs to open
        assert not refused(response), f"{role}, {state}: {url} is linked but refused"
    for action in sorted(buttons):
        response = client.post(action, {"comment": "Checked."}, follow=True)
        assert not refused(response), f"{role}, {state}: a button posts to {action}, refused"


def test_a_restore_refused_is_a_message_on_the_versions_page_not_a_403(client, people):
    article = draft_by(people["author"])
    article.headline = "Second take"
    workflow.save_edit(article, by=people["author"], editing=article.revision)
    client.force_login(people["other writer"])
    response = client.post(
        reverse("admin:articles_article_restore", args=[article.pk, 1]), follow=True
    )
    assert response.status_code == 200
    assert "Not restored: Writers change only the articles they wrote." in (
        response.content.decode()
    )
    assert article.versions.count() == 2
