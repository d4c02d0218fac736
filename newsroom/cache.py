"""Django's Redis cache backend, with one redis-py client per connection pool.

Django's backend builds a new redis-py client for every cache call, which costs more
CPU than the round trip to Redis (redis-py issue #3624): a page-cache hit, one call, paid
a fifth of its time for it. A client is safe to share: every command takes a connection
from the pool and gives it back.
"""

from django.core.cache.backends import redis


class RedisCacheClient(redis.RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(pool)
        if client is None:
            client = self._clients[pool] = self._client(connection_pool=pool)
        return client


class RedisCache(redis.RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = RedisCacheClient
