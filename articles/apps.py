from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = "Newsroom"

    def ready(self):
        from . import cache, checks, directory, redirects, text, webhooks  # noqa: F401  (checks registers itself)

        cache.connect_signals()
        directory.connect_signals()
        redirects.connect_signals()
        text.connect_signals()
        webhooks.connect_signals()
