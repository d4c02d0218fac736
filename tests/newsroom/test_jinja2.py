"""The public site's Jinja2 environment (newsroom/jinja2.py): what its templates can ask for."""

import datetime

from django.http import HttpResponse
from django.middleware.csp import ContentSecurityPolicyMiddleware
from django.template import engines
from django.test import override_settings


def render(source, context=None, request=None):
    return engines["jinja2"].from_string(source).render(context or {}, request)


def test_public_templates_escape_what_they_show_unless_it_is_marked_safe():
    page = render("{{ text }} {{ text|safe }}", {"text": "<b>A & B</b>"})
    assert page == "&lt;b&gt;A &amp; B&lt;/b&gt; <b>A & B</b>"


def test_urls_and_static_files_are_named_as_in_django_templates():
    page = render("{{ url('articles:topic', slug='trade') }} {{ static('css/site.css') }}")
    assert page == "/topics/trade/ /static/css/site.css"


@override_settings(TIME_ZONE="Europe/Moscow")
def test_dates_are_shown_in_the_sites_time_zone():
    moment = datetime.datetime(2026, 3, 5, 21, 30, tzinfo=datetime.UTC)
    assert render('{{ moment|date("j F Y, H:i") }}', {"moment": moment}) == "6 March 2026, 00:30"


def test_a_date_on_a_list_reads_as_djangos_date_filter_prints_it():
    for day in [datetime.date(2026, 1, 1), datetime.date(2026, 12, 31), datetime.date(2025, 5, 9)]:
        assert render("{{ day|long_date }}", {"day": day}) == render(
            '{{ day|date("j F Y") }}', {"day": day}
        )
    assert render("{{ day|long_date }}", {"day": datetime.date(2026, 5, 9)}) == "9 May 2026"


def test_addresses_with_positional_arguments_are_reversed_too():
    page = render("{{ url('articles:topic', 'trade') }} {{ url('articles:news') }}")
    assert page == "/topics/trade/ /news/"


def test_a_template_can_ask_for_this_responses_csp_nonce(rf):
    request = rf.get("/")
    ContentSecurityPolicyMiddleware(lambda request: HttpResponse()).process_request(request)
    page = render("<script {{ csp_nonce_attr() }}></script>", request=request)
    assert page == f'<script nonce="{request._csp_nonce}"></script>'
    assert render("<script {{ csp_nonce_attr() }}></script>") == "<script ></script>"


def test_text_is_marked_for_translation_with_gettext_and_ngettext():
    page = render(
        '{{ _("Search") }}: {{ ngettext("%(num)d article", "%(num)d articles", count) }}',
        {"count": 2},
    )
    assert page == "Search: 2 articles"


def test_a_date_is_written_in_the_pages_language():
    from django.utils.translation import override

    day = datetime.date(2023, 3, 6)
    assert render("{{ day|long_date }}", {"day": day}) == "6 March 2023"
    with override("ru"):
        assert render("{{ day|long_date }}", {"day": day}) == "6 марта 2023 г."
        assert render("{{ day|date }}", {"day": day}) == "6 марта 2023 г."
        moment = datetime.datetime(2023, 3, 6, 9, 5, tzinfo=datetime.UTC)
        assert render('{{ moment|date("DATETIME_FORMAT") }}', {"moment": moment}) == (
            "6 марта 2023 г. 9:05"
        )
    assert render("{{ day|long_date }}", {"day": day}) == "6 March 2023"
