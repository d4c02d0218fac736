"""Numbers in addresses: one no database key can hold matches no page."""

import pytest

from articles.converters import MAX_ID

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("number", ["9" * 23, str(MAX_ID + 1), "9" * 5000])
def test_a_share_link_with_an_id_past_any_database_key_is_not_found(client, number):
    assert client.get(f"/preview/{number}/abc/").status_code == 404


def test_a_share_link_with_the_largest_key_is_looked_up_and_not_found(client):
    assert client.get(f"/preview/{MAX_ID}/abc/").status_code == 404
