import os

from django.conf import settings
from django.core.management.base import BaseCommand

from articles.samples.newsroom import create_demo_users, load_sample_newsroom


class Command(BaseCommand):
    help = (
        "Load the sample press release, published, with the people, organisations, event, "
        "topics and regions it mentions; with DEBUG on, also demo users. Safe to run again."
    )

    def handle(self, *args, verbosity, **options):
        article = load_sample_newsroom()
        if verbosity >= 1:
            self.stdout.write(
                f"Sample article: “{article.headline}” at {article.get_absolute_url()}"
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
