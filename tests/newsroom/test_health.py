"""The app server's health check, which the load balancer asks."""


def test_the_health_check_answers_without_the_database(client):
    """No database access is allowed here (no `db` fixture): a query would fail the test."""
    response = client.get("/health/")
    assert response.status_code == 200
    assert response.content == b"ok"
    assert "no-cache" in response["Cache-Control"]


def test_no_page_can_take_the_health_checks_address():
    from articles.slugs import reserved_page_slugs

    assert "health" in reserved_page_slugs()
