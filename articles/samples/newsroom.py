"""The sample newsroom: one press release, published, and everything it mentions.

Loading is idempotent: every record is found by its name (or username) and brought back
to the values below, so running it twice adds nothing.
"""

import datetime
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.utils import timezone

from articles import versions, workflow
from articles.importer import import_press_releases
from articles.models import Affiliation, Article, Event, Organisation, Person, Region, Topic

SAMPLE_PRESS_RELEASE = Path(__file__).with_name("000_9ec0c75d61527fda.txt")

FOREIGN_POLICY = "Foreign policy"
INTERFAITH = "Interfaith dialogue"
COOPERATION = "International cooperation"
TOPICS = [FOREIGN_POLICY, INTERFAITH, COOPERATION]

# Parents before children.
REGIONS = {"Russia": None, "Tatarstan": "Russia", "Kazan": "Tatarstan", "Malaysia": None}

LAVROV = "Sergey Lavrov"
PUTIN = "Vladimir Putin"
MINNIKHANOV = "Rustam Minnikhanov"
PEOPLE = {
    LAVROV: {
        "role_title": "Foreign Minister of Russia",
        "name_variants": "Sergei Lavrov, Сергей Лавров",
        "topics": [FOREIGN_POLICY],
        "regions": ["Russia"],
    },
    PUTIN: {
        "role_title": "President of Russia",
        "name_variants": "Владимир Путин",
        "topics": [FOREIGN_POLICY],
        "regions": ["Russia"],
    },
    MINNIKHANOV: {
        "role_title": "Rais of the Republic of Tatarstan",
        "name_variants": "Рустам Минниханов",
        "topics": [COOPERATION, INTERFAITH],
        "regions": ["Tatarstan"],
    },
}

MFA = "Ministry of Foreign Affairs of the Russian Federation"
OIC = "Organisation of Islamic Cooperation"
GSV = 'Group of Strategic Vision "Russia - Islamic World"'
UN = "United Nations"
ORGANISATIONS = {
    MFA: {
        "acronym": "MFA",
        "kind": Organisation.Kind.MINISTRY,
        "aliases": "Russian Foreign Ministry, МИД России",
        "website": "https://mid.ru/en/",
        "topics": [FOREIGN_POLICY],
        "regions": ["Russia"],
    },
    OIC: {
        "acronym": "OIC",
        "kind": Organisation.Kind.INTERNATIONAL,
        "aliases": "Organization of Islamic Cooperation, Organisation of the Islamic Conference",
        "website": "https://www.oic-oci.org/",
        "topics": [COOPERATION, INTERFAITH],
        "regions": [],
    },
    GSV: {
        "acronym": "GSV",
        "kind": Organisation.Kind.FORUM,
        "aliases": 'Group of Strategic Visions "Russia - Islamic World"',
        "website": "",
        "topics": [INTERFAITH, COOPERATION],
        "regions": ["Russia", "Tatarstan"],
    },
    UN: {
        "acronym": "UN",
        "kind": Organisation.Kind.INTERNATIONAL,
        "aliases": "",
        "website": "https://www.un.org/",
        "topics": [COOPERATION],
        "regions": [],
    },
}

KAZANFORUM = 'KazanForum 2023 — International Economic Forum "Russia - Islamic World"'
EVENT = {
    "start_date": datetime.date(2023, 5, 18),
    "end_date": datetime.date(2023, 5, 19),
    "venue": "Kazan",
    "status": Event.Status.HELD,
    "description": (
        "<p>The economic forum of Russia and the countries of the Organisation of Islamic "
        "Cooperation, held with a meeting of the Group of Strategic Vision.</p>"
    ),
}

ARTICLE = {
    "standfirst": (
        "Ties with the Islamic world remain a constant priority of Russian foreign policy, "
        "Sergey Lavrov told the Group of Strategic Vision and ambassadors of OIC states."
    ),
    "hero_caption": (
        'Sergey Lavrov at the meeting of the Group of Strategic Vision "Russia - Islamic '
        'World" with ambassadors of OIC member states'
    ),
    "hero_alt": "",
}

# Well known on purpose: they exist only with DEBUG on, for a local demo.
DEMO_USERS = [
    {"username": "admin", "password": "admin-demo", "superuser": True, "group": None},
    {"username": "editor", "password": "editor-demo", "superuser": False, "group": "Editors"},
    {"username": "writer", "password": "writer-demo", "superuser": False, "group": "Writers"},
]


@transaction.atomic
def load_sample_newsroom() -> Article:
    """Import the sample press release, publish it and link what it mentions."""
    topics = {name: Topic.objects.get_or_create(name=name)[0] for name in TOPICS}
    regions = {}
    for name, parent in REGIONS.items():
        regions[name], _ = Region.objects.update_or_create(
            name=name, defaults={"parent": regions.get(parent)}
        )

    def tag(obj, topic_names, region_names):
        obj.topics.set([topics[name] for name in topic_names])
        obj.regions.set([regions[name] for name in region_names])

    people = {}
    for name, values in PEOPLE.items():
        values = dict(values)
        topic_names, region_names = values.pop("topics"), values.pop("regions")
        people[name], _ = Person.objects.update_or_create(name=name, defaults=values)
        tag(people[name], topic_names, region_names)

    organisations = {}
    for name, values in ORGANISATIONS.items():
        values = dict(values)
        topic_names, region_names = values.pop("topics"), values.pop("regions")
        organisations[name], _ = Organisation.objects.update_or_create(name=name, defaults=values)
        tag(organisations[name], topic_names, region_names)

    Affiliation.objects.update_or_create(
        person=people[LAVROV],
        organisation=organisations[MFA],
        defaults={"role": "Foreign Minister", "start_date": datetime.date(2004, 3, 9)},
    )
    Affiliation.objects.update_or_create(
        person=people[MINNIKHANOV], organisation=organisations[GSV], defaults={"role": "Head"}
    )

    event, _ = Event.objects.update_or_create(name=KAZANFORUM, defaults=EVENT)
    event.organisers.set([organisations[GSV]])
    event.participants.set([people[MINNIKHANOV]])
    tag(event, [COOPERATION, INTERFAITH], ["Kazan"])

    result = import_press_releases([SAMPLE_PRESS_RELEASE])
    [(_, article)] = result.imported or result.skipped
    for field, value in ARTICLE.items():
        setattr(article, field, value)
    links = {
        "people": sorted(person.pk for person in people.values()),
        "organisations": sorted(organisation.pk for organisation in organisations.values()),
        "events": [event.pk],
        "topics": sorted(topics[name].pk for name in TOPICS),
        "regions": sorted(regions[name].pk for name in REGIONS),
    }
    newest = article.versions.get(number=article.revision).content
    if versions.snapshot(article, {**links, "bylines": []}) != newest:
        workflow.save_edit(
            article, by=None, links=links, editing=article.revision, comment="Sample newsroom"
        )
    if article.status != Article.Status.PUBLISHED or article.has_unpublished_changes:
        # Sample data, not an editorial act: no user need exist to publish it.
        noon = datetime.datetime.combine(article.dateline, datetime.time(12))
        workflow.mark_live(article, at=timezone.make_aware(noon))
    return article


@transaction.atomic
def create_demo_users() -> list[dict]:
    """Create or reset the demo users and their known passwords; refuse unless DEBUG is on."""
    if not settings.DEBUG:
        raise ImproperlyConfigured("Demo users have published passwords: DEBUG must be on.")
    User = get_user_model()
    for demo in DEMO_USERS:
        user, _ = User.objects.get_or_create(username=demo["username"])
        user.is_active = user.is_staff = True
        user.is_superuser = demo["superuser"]
        user.set_password(demo["password"])
        user.save()
        user.groups.set([Group.objects.get(name=demo["group"])] if demo["group"] else [])
    return DEMO_USERS
