"""The admin site as a whole: what it refuses on every page."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "address",
    [
        "/admin/autocomplete/?app_label=articles&model_name=article&field_name=people&term=a%00b",
        "/admin/articles/article/?q=a%00b",
        "/admin/articles/organisation/?kind__exact=a%00b",
        "/admin/articles/article/?a%00b=1",
    ],
)
def test_a_nul_byte_in_an_admin_query_string_is_a_bad_request(admin_client, address):
    assert admin_client.get(address).status_code == 400
