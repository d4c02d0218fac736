"""The purgers against local fakes of the engines' HTTP APIs (tests/cdn.py): the request
each engine documents, batches within its limit, and every failure a PurgeFailed that
names the engine's answer and never the token."""

import socket

import pytest
from django.test import override_settings

from articles.purgers import Cloudflare, Fastly, PurgeFailed, Varnish, get_purger
from tests.cdn import FakeCloudflare, FakeFastly, FakeVarnish

TOKEN = "tok-3f9a1c-never-in-a-message"


@pytest.fixture
def fastly():
    fake = FakeFastly(api_token=TOKEN)
    yield fake
    fake.stop()


@pytest.fixture
def cloudflare():
    fake = FakeCloudflare(api_token=TOKEN)
    yield fake
    fake.stop()


@pytest.fixture
def varnishes():
    fakes = [FakeVarnish(), FakeVarnish()]
    yield fakes
    for fake in fakes:
        fake.stop()


@pytest.fixture
def fresh_purger():
    get_purger.cache_clear()
    yield
    get_purger.cache_clear()


def make_fastly(fake, **kwargs):
    kwargs.setdefault("service_id", fake.service_id)
    kwargs.setdefault("api_token", TOKEN)
    return Fastly(api_url=fake.url, **kwargs)


def make_cloudflare(fake, **kwargs):
    kwargs.setdefault("zone_id", fake.zone_id)
    kwargs.setdefault("api_token", TOKEN)
    return Cloudflare(api_url=fake.url, **kwargs)


def many_keys(count):
    """`count` distinct keys, each given twice and out of order."""
    keys = [f"article-{number}" for number in range(count)]
    return keys[::-1] + keys


def refused_url():
    """The address of a port nothing listens on."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}"


def failure(purger, keys=("article-1",)):
    with pytest.raises(PurgeFailed) as raised:
        purger.purge(list(keys))
    assert TOKEN not in str(raised.value)
    return str(raised.value)


# Fastly


def test_fastly_purges_every_key_once_in_batches_of_256(fastly):
    """600 keys, each given twice, go in three requests of at most 256, each key once."""
    make_fastly(fastly).purge(many_keys(600))

    assert [len(keys) for keys, _ in fastly.purges] == [256, 256, 88]
    assert fastly.purged() == dict.fromkeys((f"article-{n}" for n in range(600)), 1)


def test_fastly_request_is_the_documented_one(fastly):
    """A POST to /service/{id}/purge, the token in Fastly-Key, the keys as JSON."""
    make_fastly(fastly).purge(["topic-2", "article-1"])

    [(method, path, headers, body)] = fastly.requests
    assert (method, path) == ("POST", f"/service/{fastly.service_id}/purge")
    assert headers["Fastly-Key"] == TOKEN
    assert headers["Content-Type"] == "application/json"
    assert "Fastly-Soft-Purge" not in headers
    assert fastly.purges == [(["article-1", "topic-2"], False)]


def test_fastly_soft_purge_sends_the_header(fastly):
    """With soft, every request asks Fastly to mark the pages stale."""
    make_fastly(fastly, soft=True).purge(["article-1"])

    assert fastly.requests[0][2]["Fastly-Soft-Purge"] == "1"
    assert fastly.purges == [(["article-1"], True)]


def test_fastly_wrong_token_fails_naming_the_answer(fastly):
    """A token Fastly refuses is a PurgeFailed with Fastly's message, not the token."""
    message = failure(make_fastly(fastly, api_token="tok-wrong"))

    assert "401" in message
    assert "Provided credentials are missing or invalid" in message
    assert fastly.purges == []


def test_fastly_unknown_service_fails(fastly):
    message = failure(make_fastly(fastly, service_id="nosuchservice"))

    assert "404" in message and "Cannot find 'service'" in message


def test_fastly_5xx_fails_and_the_retry_goes_through(fastly):
    """A 503 is a PurgeFailed; the next try (the task queue's retry) purges."""
    fastly.fail(times=1, status=503)
    purger = make_fastly(fastly)

    assert "503" in failure(purger)
    purger.purge(["article-1"])
    assert fastly.purged() == {"article-1": 1}


def test_fastly_answer_without_every_key_fails(fastly, monkeypatch):
    """A 200 that does not give a purge id for every key sent is not a confirmation."""
    monkeypatch.setattr(
        FakeFastly,
        "answer",
        lambda self, *args: (200, {}, b'{"article-1": "108-1391560174-1"}'),
    )

    message = failure(make_fastly(fastly), keys=["article-1", "article-2"])

    assert "did not confirm 1 of 2 keys" in message and "article-2" in message


def test_fastly_refused_connection_fails():
    message = failure(Fastly("SU1Z0isxPaozGVKXdv0eY", TOKEN, api_url=refused_url()))

    assert "refused" in message.lower()


def test_fastly_key_it_would_refuse_fails_before_any_request(fastly):
    """A key over 1024 bytes, or holding a space, which Fastly would refuse: no request."""
    purger = make_fastly(fastly)
    for key in ["é" * 513, "two words"]:
        assert "Fastly cannot purge the key" in failure(purger, keys=[key])
    purger.purge(["x" * 1024])

    assert len(fastly.requests) == 1


# Cloudflare


def test_cloudflare_purges_every_tag_once_in_batches_of_100(cloudflare):
    """250 tags, each given twice, go in three requests of at most 100, each tag once."""
    make_cloudflare(cloudflare).purge(many_keys(250))

    assert [len(tags) for tags in cloudflare.purges] == [100, 100, 50]
    assert cloudflare.purged() == dict.fromkeys((f"article-{n}" for n in range(250)), 1)


def test_cloudflare_request_is_the_documented_one(cloudflare):
    """A POST to /client/v4/zones/{zone}/purge_cache, a bearer token, the tags as JSON."""
    make_cloudflare(cloudflare).purge(["topic-2", "article-1"])

    [(method, path, headers, body)] = cloudflare.requests
    assert (method, path) == ("POST", f"/client/v4/zones/{cloudflare.zone_id}/purge_cache")
    assert headers["Authorization"] == f"Bearer {TOKEN}"
    assert headers["Content-Type"] == "application/json"
    assert cloudflare.purges == [["article-1", "topic-2"]]


def test_cloudflare_reads_the_cache_tag_header():
    assert (Cloudflare.header, Cloudflare.separator) == ("Cache-Tag", ",")
    assert Fastly.header is None


def test_cloudflare_refuses_more_tags_than_its_limit(cloudflare):
    """The fake, like the API, refuses 101 tags: the purger's batch keeps under it."""
    purger = make_cloudflare(cloudflare)
    purger.batch = 101

    message = failure(purger, keys=many_keys(101))

    assert "400" in message and "more than 100" in message


def test_cloudflare_wrong_token_fails_naming_the_answer(cloudflare):
    message = failure(make_cloudflare(cloudflare, api_token="tok-wrong"))

    assert "403" in message and "Authentication error" in message
    assert cloudflare.purges == []


def test_cloudflare_unknown_zone_fails(cloudflare):
    message = failure(make_cloudflare(cloudflare, zone_id="0" * 32))

    assert "404" in message and "7003" in message


def test_cloudflare_success_false_in_a_200_fails(cloudflare):
    """A 200 whose body says `"success": false` is a failure, with Cloudflare's errors."""
    cloudflare.refuse(1016, "One or more cache purge errors")

    message = failure(make_cloudflare(cloudflare))

    assert "1016 One or more cache purge errors" in message


def test_cloudflare_5xx_fails_and_the_retry_goes_through(cloudflare):
    cloudflare.fail(times=2, status=502)
    purger = make_cloudflare(cloudflare)

    assert "502" in failure(purger)
    assert "502" in failure(purger)
    purger.purge(["article-1"])
    assert cloudflare.purged() == {"article-1": 1}


def test_cloudflare_refused_connection_fails():
    message = failure(Cloudflare("0" * 32, TOKEN, api_url=refused_url()))

    assert "refused" in message.lower()


def test_cloudflare_tag_it_would_refuse_fails_before_any_request(cloudflare):
    """A space, a comma, a non-ASCII letter or more than 1024 characters: no request."""
    purger = make_cloudflare(cloudflare)
    for tag in ["two words", "a,b", "café", "x" * 1025]:
        assert "Cloudflare cannot purge the key" in failure(purger, keys=[tag])
    purger.purge(["x" * 1024, "~!#$%&'*+-./:;<=>?@[]^_`{|}"])

    assert len(cloudflare.requests) == 1


# Both APIs


@pytest.mark.parametrize("engine", ["fastly", "cloudflare"])
def test_a_redirect_fails_and_the_token_goes_nowhere(engine, request):
    """A redirect is not followed: no purge is counted as done, no token is sent on."""
    fake = request.getfixturevalue(engine)
    elsewhere = FakeVarnish()
    try:
        fake.redirect(elsewhere.url + "/")
        purger = make_fastly(fake) if engine == "fastly" else make_cloudflare(fake)

        assert "302" in failure(purger)
        assert elsewhere.requests == []
    finally:
        elsewhere.stop()


@pytest.mark.parametrize("engine", ["fastly", "cloudflare"])
def test_an_api_that_does_not_answer_fails_after_the_timeout(engine, request):
    fake = request.getfixturevalue(engine)
    purger = make_fastly(fake) if engine == "fastly" else make_cloudflare(fake)
    purger.timeout = 0.2
    fake.hold()

    assert "timed out" in failure(purger)


# Varnish (the request's shape; a real Varnish is tested elsewhere)


def test_varnish_sends_every_key_once_to_every_server(varnishes):
    """300 keys: two PURGE requests (256 + 44) to each server, each key once."""
    Varnish([fake.url + "/" for fake in varnishes]).purge(many_keys(300))

    for fake in varnishes:
        assert [(method, path) for method, path, _, _ in fake.requests] == [("PURGE", "/")] * 2
        assert [len(keys) for keys in fake.purges] == [256, 44]
        assert fake.purged() == dict.fromkeys((f"article-{n}" for n in range(300)), 1)


def test_varnish_refusal_fails(varnishes):
    varnishes[1].fail(status=405)

    with pytest.raises(PurgeFailed, match="405"):
        Varnish([fake.url for fake in varnishes]).purge(["article-1"])


# Settings


def test_get_purger_builds_fastly_from_settings(fresh_purger):
    config = {
        "BACKEND": "articles.purgers.Fastly",
        "OPTIONS": {"service_id": "SU1Z0isxPaozGVKXdv0eY", "api_token": TOKEN, "soft": True},
    }
    with override_settings(NEWSROOM_PURGER=config):
        purger = get_purger()

    assert isinstance(purger, Fastly)
    assert (purger.service_id, purger.api_token, purger.soft) == (
        "SU1Z0isxPaozGVKXdv0eY",
        TOKEN,
        True,
    )
    assert purger.api_url == "https://api.fastly.com"


def test_get_purger_builds_cloudflare_from_settings(fresh_purger):
    config = {
        "BACKEND": "articles.purgers.Cloudflare",
        "OPTIONS": {"zone_id": "023e105f4ecef8ad9ca31a8372d0c353", "api_token": TOKEN},
    }
    with override_settings(NEWSROOM_PURGER=config):
        purger = get_purger()

    assert isinstance(purger, Cloudflare)
    assert (purger.zone_id, purger.api_token) == ("023e105f4ecef8ad9ca31a8372d0c353", TOKEN)
    assert purger.api_url == "https://api.cloudflare.com"


def test_get_purger_builds_varnish_from_settings(fresh_purger):
    config = {"BACKEND": "articles.purgers.Varnish", "OPTIONS": {"urls": ["http://varnish/"]}}
    with override_settings(NEWSROOM_PURGER=config):
        purger = get_purger()

    assert isinstance(purger, Varnish) and purger.urls == ["http://varnish"]


def test_get_purger_is_none_without_a_cache(fresh_purger):
    with override_settings(NEWSROOM_PURGER=None):
        assert get_purger() is None


def test_a_configured_purger_purges_through_the_api(fresh_purger, cloudflare):
    """The settings' purger talks to the API they name."""
    config = {
        "BACKEND": "articles.purgers.Cloudflare",
        "OPTIONS": {"zone_id": cloudflare.zone_id, "api_token": TOKEN, "api_url": cloudflare.url},
    }
    with override_settings(NEWSROOM_PURGER=config):
        get_purger().purge(["front-page"])

    assert cloudflare.purged() == {"front-page": 1}
