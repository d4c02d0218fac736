from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = "Newsroom"

    def ready(self):
        from . import (  # noqa: F401  (checks registers itself)
            cache,
            checks,
            directory,
            redirects,
            surrogates,
            text,
            webhooks,
        )

        cache.connect_signals()
        directory.connect_signals()
        redirects.connect_signals()
        surrogates.connect_signals()
        text.connect_signals()
        webhooks.connect_signals()
