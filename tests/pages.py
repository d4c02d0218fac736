"""What a reader sees in a part of a public page: its headings, and the text of its links.

The public site renders with Jinja2, which leaves Django's test client no template
context to read (`response.context` is None there): tests assert on the HTML instead.
"""

from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"}
VOID |= {"track", "wbr"}
HEADINGS = {f"h{level}" for level in range(1, 7)}


class Part(HTMLParser):
    """The headings and links inside every element whose attributes include `where`
    (a class among its classes, any other attribute exactly)."""

    def __init__(self, where):
        super().__init__()
        self.where = where
        self.open = []  # (tag, whether it is one of the parts asked for)
        self.headings, self.links, self.headlines = [], [], []
        self.heading = self.link = None  # the text being read, if any

    def handle_starttag(self, tag, attrs):
        if tag in VOID:
            return
        self.open.append((tag, self.matches(dict(attrs))))
        if not any(part for _, part in self.open):
            return
        if tag in HEADINGS:
            self.heading = ""
        elif tag == "a":
            self.link = ""

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if tag == "a" and self.link is not None:
            self.links.append(" ".join(self.link.split()))
            if self.heading is not None:
                self.headlines.append(self.links[-1])
            self.link = None
        elif tag in HEADINGS and self.heading is not None:
            self.headings.append(" ".join(self.heading.split()))
            self.heading = None
        while self.open and self.open.pop()[0] != tag:
            pass

    def handle_data(self, data):
        if self.heading is not None:
            self.heading += data
        if self.link is not None:
            self.link += data

    def matches(self, attrs):
        return all(
            value in (attrs.get("class") or "").split()
            if name == "class"
            else attrs.get(name) == value
            for name, value in self.where.items()
        )


def read(response, where):
    part = Part({name.rstrip("_").replace("_", "-"): value for name, value in where.items()})
    part.feed(response.content.decode())
    return part


def headings(response, **where):
    """Every heading's text inside the parts `where` names (class_="coverage")."""
    return read(response, where).headings


def links(response, **where):
    """Every link's text inside the parts `where` names (aria_labelledby="related-heading")."""
    return read(response, where).links


def headlines(response, **where):
    """The text of the links in headings inside the parts `where` names: a list's stories."""
    return read(response, where).headlines


class Elements(HTMLParser):
    def __init__(self, tag, where):
        super().__init__()
        self.tag, self.where, self.found = tag, where, []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == self.tag and all(attrs.get(name) == value for name, value in self.where.items()):
            self.found.append(attrs)

    handle_startendtag = handle_starttag


def elements(response, tag, **where):
    """The attributes of every `tag` element whose attributes include `where`
    (rel="alternate"), in page order."""
    parser = Elements(tag, {name.rstrip("_").replace("_", "-"): v for name, v in where.items()})
    parser.feed(response.content.decode())
    return parser.found


class Shape(HTMLParser):
    def __init__(self):
        super().__init__()
        self.events = []

    def handle_starttag(self, tag, attrs):
        self.events.append(("<", tag, dict(attrs)))

    def handle_endtag(self, tag):
        self.events.append((">", tag))

    def handle_data(self, data):
        self.events.append(("text", data))


def shape(html):
    """A piece of HTML as its elements, attributes and text in order, however its
    attributes are ordered and quoted: two pieces of the same shape are the same HTML."""
    parser = Shape()
    parser.feed(html)
    parser.close()
    return parser.events
