"""`make bench` serves the site with its baselines beside it: both must answer."""

import pytest
from django.test import override_settings

pytestmark = [pytest.mark.django_db, pytest.mark.urls("bench.urls")]


@override_settings(CACHES={"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}})
@pytest.mark.parametrize(
    "path", ["/bench/bytes/", "/bench/bare/", "/bench/listing-from-memory/", "/news/", "/ru/news/"]
)
def test_the_bench_serves_its_baselines_and_every_edition(client, path):
    assert client.get(path).status_code == 200
