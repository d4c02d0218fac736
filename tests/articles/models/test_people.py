import pytest
from django.core.exceptions import ValidationError

from tests.factories import make_organisation

pytestmark = pytest.mark.django_db

NOT_WEB = [
    "javascript:alert(document.cookie)",
    " JavaScript:alert(1)",
    "java\tscript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "ftp://files.example.org/",
]


@pytest.mark.parametrize("website", NOT_WEB)
def test_an_organisation_s_website_must_be_a_web_address(website):
    organisation = make_organisation()
    organisation.website = website

    with pytest.raises(ValidationError) as error:
        organisation.full_clean()

    assert "website" in error.value.message_dict


@pytest.mark.parametrize("website", NOT_WEB)
def test_a_website_set_outside_the_form_never_reaches_a_page_unless_it_is_http(client, website):
    organisation = make_organisation(website=website)

    page = client.get(organisation.get_absolute_url()).content.decode()

    assert "script:" not in page.lower().replace("\t", "")
    assert "data:text" not in page
    assert ">Website</a>" not in page


@pytest.mark.parametrize("website", ["https://www.oic-oci.org/", "HTTP://mid.ru/en/"])
def test_an_organisation_s_web_address_is_linked_on_its_page(client, website):
    organisation = make_organisation(website=website)
    organisation.full_clean()

    page = client.get(organisation.get_absolute_url()).content.decode()

    assert f'<a href="{website}" rel="nofollow">Website</a>' in page
