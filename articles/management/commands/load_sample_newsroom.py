import os

from django.conf import settings
from django.core.management.base import BaseCommand

from articles.samples.newsroom import create_demo_users, load_sample_newsroom


class Command(BaseCommand):
    help = (
        "Load the sample stories in English and Russian, published, with the people, "
        "organisations, events, topics and regions they mention; with DEBUG on, also demo "
        "users. Safe to run again."
    )

    def handle(self, *args, verbosity, **options):
        stories = load_sample_newsroom()
        if verbosity >= 1:
            languages = sorted({story.language for story in stories})
            self.stdout.write(
                f"Sample newsroom: {len(stories)} stories in {', '.join(languages)}, "
                f"{sum(story.translation_of_id is not None for story in stories)} of them "
                f"translations; the first, “{stories[0].headline}”, at "
                f"{stories[0].get_absolute_url()}"
            )
        if not settings.DEBUG:
            if verbosity >= 1:
                self.stdout.write("Demo users skipped: DEBUG is off.")
            return
        users = create_demo_users()
        if verbosity >= 1:
            port = os.environ.get("PORT", "8000")
            self.stdout.write(
                self.style.SUCCESS(f"Log in at http://127.0.0.1:{port}/admin/ as one of:")
            )
            for user in users:
                role = "superuser" if user["superuser"] else f"in {user['group']}"
                self.stdout.write(
                    f"  username {user['username']}, password {user['password']} ({role})"
                )
