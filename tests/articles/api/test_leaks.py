"""Nothing hidden reaches a client through any path of the API's schema: nor a token's,
unless an editor granted it embargo access, and then only stories scheduled for later."""

import re

import pytest

from articles.models import Article
from tests.articles.api.conftest import bearer
from tests.factories import make_image

pytestmark = pytest.mark.django_db

# What a token with embargo access may read ahead of readers: stories scheduled for later.
EMBARGOED = {"scheduled", "scheduled translation"}


def addresses(client, newsroom):
    """Every address of every path in the schema: a detail with the id of each thing the
    newsroom fixture made, hidden articles included."""
    live = newsroom["live"]
    ids = {
        "articles": [live.pk, *(article.pk for article in newsroom["hidden"].values())],
        "people": [live.people.get().pk],
        "organisations": [live.organisations.get().pk],
        "events": [live.events.get().pk],
        "topics": [live.topics.get().pk],
        "regions": [region.pk for region in live.regions.all()],
    }
    for path in client.get("/api/v1/schema/").json()["paths"]:
        kind = re.fullmatch(r"/api/v1/(\w+)/(\{id\}/)?", path)
        if kind[2]:
            yield from (path.replace("{id}", str(pk)) for pk in ids[kind[1]])
        else:
            yield path
            yield f"{path}?limit=100"


@pytest.mark.parametrize("who", ["anonymous", "token", "embargo"])
def test_no_path_of_the_api_shows_a_hidden_article(
    client, newsroom, partner, embargo_partner, who
):
    headers = {"token": bearer(partner[1]), "embargo": bearer(embargo_partner[1])}.get(who, {})
    may_see = EMBARGOED if who == "embargo" else set()
    hidden = {
        state: article for state, article in newsroom["hidden"].items() if state not in may_see
    }
    hidden_ids = {article.pk for article in hidden.values()}
    seen = ""
    for address in addresses(client, newsroom):
        response = client.get(address, headers=headers)
        body = response.content.decode()
        seen += body
        assert "Secret change to a live story" not in body, address
        for state, article in hidden.items():
            assert article.headline not in body, (who, state, address)
            assert article.get_absolute_url() not in body, (who, state, address)
        if address.endswith(tuple(f"/{pk}/" for pk in hidden_ids)) and "articles" in address:
            assert response.status_code == 404, address
        else:
            assert response.status_code == 200, (address, body)
    assert "Visible story" in seen
    for state in may_see:
        assert newsroom["hidden"][state].headline in seen, state


@pytest.mark.parametrize("who", ["anonymous", "token", "embargo"])
def test_no_path_of_the_api_shows_a_picture_only_hidden_stories_use(
    client, newsroom, partner, embargo_partner, who, settings, tmp_path
):
    """The library has no list in the API: a picture shows only with a story the client
    may read, and nothing of one only hidden stories use (its file, its words) reaches it."""
    settings.MEDIA_ROOT = tmp_path
    headers = {"token": bearer(partner[1]), "embargo": bearer(embargo_partner[1])}.get(who, {})
    may_see = EMBARGOED if who == "embargo" else set()
    pictures = {}
    for state, article in newsroom["hidden"].items():
        image = make_image(alt=f"Hidden picture {state}", credit=f"Hidden credit {state}")
        Article.objects.filter(pk=article.pk).update(hero_image=image, social_image=image)
        pictures[state] = image
    seen = "".join(
        client.get(address, headers=headers).content.decode()
        for address in addresses(client, newsroom)
    )
    for state, image in pictures.items():
        shown = state in may_see
        assert (image.file.url in seen) == shown, (who, state)
        assert (f"Hidden picture {state}" in seen) == shown, (who, state)
        assert (f"Hidden credit {state}" in seen) == shown, (who, state)
