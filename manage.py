#!/usr/bin/env python
import os
import sys


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
    # A checkout with nothing configured gets development defaults, so a newcomer's first
    # command works. An environment naming its SECRET_KEY is a deployment: DEBUG stays off
    # unless set, as under gunicorn; an explicit DEBUG=0 still needs the secret.
    if "SECRET_KEY" not in os.environ:
        os.environ.setdefault("DEBUG", "1")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
