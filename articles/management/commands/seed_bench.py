"""Fill an empty database with a realistic newsroom for benchmarks, fast and repeatably.

Refuses any database that already holds an article: fake stories must never mix with
a real archive, whatever DEBUG says.

On PostgreSQL the articles and their links go in with COPY, the links as plain tuples
rather than model instances: that takes about 30% off the seeder's own CPU. Most of the
time left is PostgreSQL's, computing each article's stored search vector (migration
0005), about a millisecond of its CPU per article.
"""

import datetime
import random
import time

from django.contrib.contenttypes.models import ContentType
from django.core.management.base import BaseCommand, CommandError
from django.core.management.color import no_style
from django.db import DEFAULT_DB_ALIAS, connection, connections, transaction
from django.utils import timezone
from django.utils.text import slugify

from articles import workflow
from articles.models import (
    Article,
    ArticleAuthor,
    Event,
    Organisation,
    Person,
    Region,
    TaggedRegion,
    TaggedTopic,
    Topic,
)
from articles.text import name_key

# Articles are made, linked and tagged this many at a time; the random draws follow the
# same order, so changing it changes the newsroom a seed gives.
BATCH = 2000
# Articles are published over the last three years.
SPAN = 3 * 365 * 24 * 3600

TOPICS = (
    "Foreign policy, Interfaith dialogue, Trade, Energy, Security, Culture, Education, "
    "Health, Transport, Agriculture, Finance, Tourism, Science, Sport, Migration, Climate, "
    "Humanitarian aid, Elections, Human rights, Technology, Media, Religion, Youth, "
    "Investment, Industry, Defence, Diplomacy, Water, Food security, Space, Archaeology, "
    "Halal industry, Banking, Logistics, Shipping, Railways, Aviation, Telecoms, Law, Heritage"
).split(", ")
COUNTRIES = {
    "Russia": ["Tatarstan", "Bashkortostan", "Chechnya", "Dagestan", "Moscow"],
    "Malaysia": ["Kuala Lumpur", "Penang", "Sarawak"],
    "Indonesia": ["Jakarta", "Java", "Sumatra"],
    "Turkey": ["Istanbul", "Ankara"],
    "Egypt": ["Cairo", "Alexandria"],
    "Saudi Arabia": ["Riyadh", "Jeddah"],
    "United Arab Emirates": ["Dubai", "Abu Dhabi"],
    "Iran": ["Tehran", "Isfahan"],
    "Kazakhstan": ["Astana", "Almaty"],
    "Uzbekistan": ["Tashkent", "Samarkand"],
    "Pakistan": ["Islamabad", "Karachi"],
    "Qatar": ["Doha"],
    "Algeria": ["Algiers"],
    "Morocco": ["Rabat", "Casablanca"],
    "Jordan": ["Amman"],
}
CITIES = {"Tatarstan": ["Kazan", "Naberezhnye Chelny", "Bolgar"], "Moscow": ["Zelenograd"]}
FIRST = (
    "Sergey Rustam Ahmed Fatima Aisha Ivan Olga Mehmet Nurlan Dina Yusuf Maria Timur Leila "
    "Omar Anna Ilshat Zarina Karim Elena Hassan Amina Dmitry Svetlana Farid Gulnara"
).split()
LAST = (
    "Lavrov Minnikhanov Hassan Karimova Petrov Yilmaz Nazarbayev Aliyev Rahman Ivanova "
    "Saidov Khalil Orlov Gainutdin Mukhametshin Ibrahim Volkova Sultanov Tokayev Abdullah"
).split()
ROLES = (
    "Foreign Minister, Ambassador, Mufti, Rais, Minister of Trade, Governor, Mayor, "
    "Secretary General, Spokesperson, Director, Professor, Chairman, Deputy Minister"
).split(", ")
ORG_WORDS = (
    "Council Ministry Organisation Union Forum Foundation Chamber Agency Centre Institute "
    "Association Bank Fund Assembly Committee"
).split()
ORG_OF = "Trade,Culture,Islamic Cooperation,Dialogue,Energy,Development,Science,Education".split(
    ","
)
EVENT_KINDS = "Forum,Summit,Conference,Visit,Round table,Exhibition,Festival,Session".split(",")
VERBS = (
    "meets, opens, visits, signs agreement with, discusses cooperation with, welcomes, "
    "addresses, hosts, congratulates, receives"
).split(", ")
WORDS = (
    "the sides discussed cooperation in trade economic cultural and humanitarian spheres "
    "noting the importance of dialogue between civilisations and religions and the role of "
    "international organisations in strengthening peace stability and mutual understanding "
    "delegations exchanged views on regional issues agreed to expand contacts between "
    "universities business communities and regions and stressed the significance of the "
    "forthcoming forum investment projects logistics energy tourism education"
).split()


class Command(BaseCommand):
    help = (
        "Create N realistic published articles with people, organisations, events, topics "
        "and a region tree, in bulk, for benchmarks. Refuses a database that has articles."
    )

    def add_arguments(self, parser):
        parser.add_argument("--articles", type=int, required=True, help="how many articles")
        parser.add_argument("--seed", type=int, default=1, help="same seed, same newsroom")

    def handle(self, *args, articles, seed, verbosity, **options):
        if Article.objects.exists():
            raise CommandError(
                "This database already holds articles; seed_bench only fills an empty one "
                "(use a database of its own, e.g. DATABASE_URL=.../newsroom_bench)."
            )
        started = time.monotonic()
        self.rng = random.Random(seed)
        self.now = timezone.now().replace(microsecond=0)
        with transaction.atomic():
            self.topics = self.make_topics()
            self.regions = self.make_regions()
            self.people = self.make_people(max(50, articles // 50))
            self.organisations = self.make_organisations(max(20, articles // 200))
            self.events = self.make_events(max(20, articles // 100))
            self.make_articles(articles, verbosity)
        if verbosity:
            self.stdout.write(
                f"Seeded {articles} articles, {len(self.people)} people, "
                f"{len(self.organisations)} organisations, {len(self.events)} events, "
                f"{len(self.topics)} topics, {len(self.regions)} regions, "
                f"in {time.monotonic() - started:.0f} s."
            )

    def sample(self, items, low, high):
        return self.rng.sample(items, self.rng.randint(low, high))

    def sentence(self, low=12, high=30):
        words = self.rng.choices(WORDS, k=self.rng.randint(low, high))
        return " ".join(words).capitalize() + "."

    def make_topics(self):
        return Topic.objects.bulk_create(
            Topic(name=name, slug=slugify(name), name_key=name_key(name)) for name in TOPICS
        )

    def make_regions(self):
        regions = []

        def add(names, parent):
            for name in names:
                region = Region(name=name, slug=slugify(name), parent=parent)
                region.save()
                regions.append(region)
                add(CITIES.get(name, []), region)

        for country, parts in COUNTRIES.items():
            root = Region.objects.create(name=country, slug=slugify(country))
            regions.append(root)
            add(parts, root)
        return regions

    def tag(self, objects, low=1, high=3):
        """Tag each object with topics and regions by writing taggit's through rows."""
        content_type = ContentType.objects.get_for_model(type(objects[0])).pk
        topics, regions = [], []
        for obj in objects:
            topics += [(content_type, obj.pk, t.pk) for t in self.sample(self.topics, low, high)]
            regions += [
                (content_type, obj.pk, r.pk)
                for r in self.sample(self.regions, low, max(low, high - 1))
            ]
        columns = ["content_type_id", "object_id", "tag_id"]
        self.write(TaggedTopic, columns, topics)
        self.write(TaggedRegion, columns, regions)

    def make_people(self, count):
        people = []
        for i in range(count):
            name = f"{self.rng.choice(FIRST)} {self.rng.choice(LAST)}"
            people.append(
                Person(
                    name=name,
                    slug=f"{slugify(name)}-{i}",
                    role_title=self.rng.choice(ROLES),
                    bio=f"<p>{self.sentence()}</p>",
                )
            )
        people = Person.objects.bulk_create(people, batch_size=BATCH)
        self.tag(people, 0, 2)
        return people

    def make_organisations(self, count):
        organisations = []
        for i in range(count):
            name = f"{self.rng.choice(ORG_WORDS)} of {self.rng.choice(ORG_OF)} {i}"
            organisations.append(
                Organisation(
                    name=name,
                    slug=slugify(name),
                    acronym="".join(w[0] for w in name.split() if w[0].isupper())[:30],
                    kind=self.rng.choice(Organisation.Kind.values),
                    description=f"<p>{self.sentence()}</p>",
                )
            )
        organisations = Organisation.objects.bulk_create(organisations, batch_size=BATCH)
        self.tag(organisations, 0, 2)
        return organisations

    def make_events(self, count):
        events = []
        today = self.now.date()
        for i in range(count):
            region = self.rng.choice(self.regions)
            name = f"{region.name} {self.rng.choice(EVENT_KINDS)} {2020 + i % 8}"
            start = today + datetime.timedelta(days=self.rng.randint(-1000, 200))
            events.append(
                Event(
                    name=name,
                    slug=f"{slugify(name)}-{i}",
                    start_date=start,
                    end_date=start + datetime.timedelta(days=self.rng.randint(0, 3)),
                    venue=f"{region.name} Expo",
                    description=f"<p>{self.sentence()}</p>",
                )
            )
        events = Event.objects.bulk_create(events, batch_size=BATCH)
        self.tag(events, 1, 2)
        return events

    def make_articles(self, count, verbosity):
        writers = self.people[:40]
        # The database holds no article: keys are given here, so that the rows linking
        # to an article can follow it even through COPY, which returns nothing.
        for start in range(0, count, BATCH):
            numbers = range(start, min(count, start + BATCH))
            batch = self.write_articles(self.make_article(i) for i in numbers)
            self.link(batch, writers)
            # Check this batch's links now rather than queue millions of checks for the
            # commit, in memory.
            connection.check_constraints()
            if verbosity >= 2:
                self.stdout.write(f"  {start + len(batch)} articles")
        with connection.cursor() as cursor:
            for statement in connection.ops.sequence_reset_sql(no_style(), [Article]):
                cursor.execute(statement)

    def make_article(self, i):
        subject = self.rng.choice(self.people)
        verb = self.rng.choice(VERBS)
        other = self.rng.choice(self.organisations)
        headline = f"{subject.name} {verb} {other.name}"
        published_at = self.now - datetime.timedelta(seconds=self.rng.randint(60, SPAN))
        draft = self.rng.random() < 0.02
        paragraphs = "".join(
            f"<p>{self.sentence(40, 90)}</p>" for _ in range(self.rng.randint(4, 8))
        )
        article = Article(
            pk=i + 1,
            headline=headline,
            slug=f"{slugify(headline)[:280]}-{i}",
            standfirst=self.sentence(15, 30),
            body=paragraphs,
            dateline=published_at.date(),
            byline="" if self.rng.random() < 0.7 else "Press service",
        )
        return workflow.as_seeded(article, None if draft else published_at)

    def link(self, articles, writers):
        people = Article.people.through
        organisations = Article.organisations.through
        events = Article.events.through
        rows = {people: [], organisations: [], events: [], ArticleAuthor: []}
        for article in articles:
            rows[people] += [(article.pk, p.pk) for p in self.sample(self.people, 0, 3)]
            rows[organisations] += [
                (article.pk, o.pk) for o in self.sample(self.organisations, 0, 2)
            ]
            rows[events] += [(article.pk, e.pk) for e in self.sample(self.events, 0, 1)]
            rows[ArticleAuthor] += [
                (article.pk, p.pk, n) for n, p in enumerate(self.sample(writers, 0, 2))
            ]
        self.write(people, ["article_id", "person_id"], rows[people])
        self.write(organisations, ["article_id", "organisation_id"], rows[organisations])
        self.write(events, ["article_id", "event_id"], rows[events])
        self.write(ArticleAuthor, ["article_id", "person_id", "position"], rows[ArticleAuthor])
        self.tag(articles, 1, 3)

    def write_articles(self, articles):
        """Insert unsaved articles in bulk and return them as a list.

        On PostgreSQL, articles may be a generator: Python makes the next articles while
        the server computes the search vectors of the last ones.
        """
        if connection.vendor != "postgresql":
            return Article.objects.bulk_create(articles)
        # The connection itself: the `connection` proxy costs a lookup per field and row.
        db = connections[DEFAULT_DB_ALIAS]
        fields = [field for field in Article._meta.concrete_fields if not field.generated]
        written = []

        def rows():
            for article in articles:
                written.append(article)
                yield [
                    field.get_db_prep_save(field.pre_save(article, True), db) for field in fields
                ]

        self.copy(Article, [field.attname for field in fields], rows())
        return written

    def write(self, model, columns, rows):
        """Insert rows (tuples of the values of columns, attribute names) into model."""
        if connection.vendor == "postgresql":
            self.copy(model, columns, rows)
        else:
            objects = (model(**dict(zip(columns, row, strict=True))) for row in rows)
            model.objects.bulk_create(objects, batch_size=BATCH)

    def copy(self, model, columns, rows):
        """Stream rows into model's table with PostgreSQL's COPY."""
        quote = connection.ops.quote_name
        statement = "COPY {} ({}) FROM STDIN".format(
            quote(model._meta.db_table),
            ", ".join(quote(model._meta.get_field(name).column) for name in columns),
        )
        with connection.cursor() as cursor, cursor.copy(statement) as copy:
            for row in rows:
                copy.write_row(row)
