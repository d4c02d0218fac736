"""The content API's browsable page works under the site's strict policy, from our own files."""

import pytest
from playwright.sync_api import expect

from tests.browser.test_csp import watch_for_violations
from tests.factories import make_article_linking_each_kind

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_api_page_lists_every_endpoint_and_tries_one_without_a_csp_violation(new_page):
    make_article_linking_each_kind(headline="Visible story")
    page = new_page()
    violations = watch_for_violations(page)
    outside = []
    page.on(
        "request",
        lambda request: (
            outside.append(request.url)
            if not request.url.startswith(("http://localhost", "data:"))
            else None
        ),
    )
    response = page.goto("/api/v1/")
    policy = response.headers["content-security-policy"]
    assert "script-src 'self';" in policy and "unsafe" not in policy
    expect(page.get_by_role("heading", name="Newsroom content API")).to_be_visible()
    for path in ["/api/v1/articles/", "/api/v1/articles/{id}/", "/api/v1/regions/{id}/"]:
        expect(page.get_by_text(path, exact=True).first).to_be_visible()

    # Open one and try it out: the answer shows on the page.
    page.get_by_text("/api/v1/articles/", exact=True).first.click()
    page.get_by_role("button", name="Try it out").click()
    page.get_by_role("button", name="Execute").click()
    expect(
        page.locator(".response-col_description").get_by_text("Visible story").first
    ).to_be_visible()
    assert violations == [], "\n".join(violations)
    assert outside == []
