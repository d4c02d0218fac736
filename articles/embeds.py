"""Embeds of posts from the providers of NEWSROOM_EMBED_PROVIDERS, and of no others.

An address an editor pastes is matched against each provider's post addresses; the
provider's oEmbed answer (where it has an endpoint) gives the post's title and, for a post
shown without a frame, its words. What goes into the body is plain HTML that works without
JavaScript and under the site's CSP: the provider's player in an <iframe> whose address is
the provider's frame, or the post as a quotation; under either, a link to the original.
articles.richtext keeps exactly that markup when a body is saved.
"""

import dataclasses
import functools
import json
import re
import string
import urllib.error
import urllib.parse
import urllib.request
from html import unescape

import nh3
from django.conf import settings
from django.forms.utils import flatatt
from django.utils.html import format_html, strip_tags
from django.utils.text import get_text_list
from django.utils.translation import gettext as _

# The attributes every embedded frame has, whatever was stored: loaded only when a reader
# scrolls near it, sent no more than the site's origin, kept from navigating the page.
FRAME_ATTRIBUTES = {
    "loading": "lazy",
    "referrerpolicy": "strict-origin-when-cross-origin",
    "sandbox": "allow-scripts allow-same-origin allow-popups allow-presentation",
    "allow": "fullscreen; picture-in-picture; encrypted-media",
}
# An oEmbed answer larger than this is no answer (a post's is a few kilobytes).
ANSWER_LIMIT = 1_000_000


class EmbedError(Exception):
    """An address that cannot be embedded; the message tells the editor why."""


class Unreachable(EmbedError):
    """The provider did not answer, or not with oEmbed: the address may be fine."""


@functools.cache
def frame_pattern(template: str) -> re.Pattern:
    """Return the addresses a frame template makes: its text, each field one word."""
    pattern = "".join(
        re.escape(literal) + (rf"(?P<{field}>[\w-]+)" if field else "")
        for literal, field, _spec, _conversion in string.Formatter().parse(template)
    )
    return re.compile(pattern + r"\Z")


def frame_origins(providers: dict) -> list[str]:
    """Return the origins of the providers' frames, for the policy's frame-src."""
    origins = {urllib.parse.urlsplit(p["frame"]) for p in providers.values() if p.get("frame")}
    return sorted(f"{origin.scheme}://{origin.netloc}" for origin in origins)


@dataclasses.dataclass(frozen=True)
class Provider:
    """One allowed provider, as NEWSROOM_EMBED_PROVIDERS declares it."""

    key: str
    name: str
    urls: tuple[str, ...]
    oembed: str | None = None
    frame: str | None = None
    size: tuple[int, int] | None = None

    def match(self, url: str) -> dict[str, str] | None:
        """Return the fields of a post address of this provider's, else None."""
        for pattern in self.urls:
            if found := re.match(pattern, url):
                return found.groupdict()
        return None

    def embed(self, url: str, fields: dict[str, str]) -> "Embed":
        """Return the embed of the post at `url`, asking the provider what it is."""
        answer = self.ask(url) if self.oembed else {}
        title = str(answer.get("title") or answer.get("author_name") or "").strip()
        if self.frame:
            return Embed(self, url, title or url, frame=self.frame.format(**fields))
        return Embed(self, url, title or url, text=post_text(str(answer.get("html") or "")))

    def ask(self, url: str) -> dict:
        """Return the provider's oEmbed answer about the post at `url`."""
        query = urllib.parse.urlencode({"url": url, "format": "json"})
        request = urllib.request.Request(
            f"{self.oembed}?{query}", headers={"Accept": "application/json"}
        )
        try:
            with urllib.request.urlopen(request, timeout=settings.NEWSROOM_EMBED_TIMEOUT) as r:
                answer = json.loads(r.read(ANSWER_LIMIT + 1)[:ANSWER_LIMIT])
        except urllib.error.HTTPError as error:
            if error.code in (401, 403, 404):
                raise EmbedError(
                    _("%(provider)s has no public post at this address.") % {"provider": self.name}
                ) from error
            raise self.unreachable() from error
        except (OSError, ValueError) as error:
            raise self.unreachable() from error
        if not isinstance(answer, dict):
            raise self.unreachable()
        return answer

    def unreachable(self) -> Unreachable:
        return Unreachable(
            _("%(provider)s did not answer about this post; try again later.")
            % {"provider": self.name}
        )


def providers() -> list[Provider]:
    """Return the allowed providers."""
    return [
        Provider(
            key=key,
            name=declared["name"],
            urls=tuple(declared["urls"]),
            oembed=declared.get("oembed"),
            frame=declared.get("frame"),
            size=tuple(declared["size"]) if declared.get("size") else None,
        )
        for key, declared in settings.NEWSROOM_EMBED_PROVIDERS.items()
    ]


def is_frame(url: str) -> bool:
    """Say whether `url` is the frame of a post of an allowed provider."""
    return any(p.frame and frame_pattern(p.frame).match(url) for p in providers())


def post_text(html: str) -> str:
    """Return the words of a post from a provider's embed code: its first paragraph's text,
    never its markup or script."""
    paragraphs = re.findall(r"<p[^>]*>(.*?)</p>", nh3.clean(html, tags={"p"}), re.S)
    return " ".join(unescape(strip_tags(paragraphs[0] if paragraphs else html)).split())


def resolve(url: str) -> "Embed":
    """Return the embed of a post address, or raise EmbedError saying why there is none."""
    url = url.strip()
    allowed = providers()
    for provider in allowed:
        if (fields := provider.match(url)) is not None:
            return provider.embed(url, fields)
    raise EmbedError(
        _("Only posts from %(providers)s can be embedded; this address is none of theirs.")
        % {"providers": get_text_list([p.name for p in allowed], _("or"))}
    )


@dataclasses.dataclass(frozen=True)
class Embed:
    """A post as the body shows it: in its provider's frame, or as its words."""

    provider: Provider
    url: str
    title: str
    frame: str = ""
    text: str = ""

    def html(self) -> str:
        """Return the markup the body stores, the same for every reader and with no script."""
        link = format_html(
            '<figcaption><a href="{}">{}: {}</a></figcaption>',
            self.url,
            self.provider.name,
            self.title,
        )
        if self.frame:
            width, height = self.provider.size or (560, 315)
            shown = format_html(
                '<iframe src="{}" title="{}" width="{}" height="{}"{}></iframe>',
                self.frame,
                self.title,
                width,
                height,
                flatatt(FRAME_ATTRIBUTES),
            )
        else:
            shown = format_html("<blockquote><p>{}</p></blockquote>", self.text or self.title)
        return format_html(
            '<figure class="embed" data-embed="{}">{}{}</figure>', self.provider.key, shown, link
        )
