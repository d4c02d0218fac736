"""The scale-out topology on one machine: Varnish in front of HAProxy, HAProxy in front of
several gunicorn app servers, which share PostgreSQL (a primary and a streaming replica),
Redis and the media folder.

Each part is a `Service` of its own module here, started from the configuration files
beside it; the tests start the parts they need, and `make stack` starts them all
(`python -m newsroom.stack`).
"""
