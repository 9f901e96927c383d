"""Settings of the benchmarks' servers: the test settings, with the cache production has.

Production shares one Redis cache between its processes (REDIS_URL); so do the benchmarks'
gunicorn workers when BENCH_REDIS_URL names a Redis database (national_scale.py sets it when
127.0.0.1:6379 answers), under a key prefix of the run's own. WORKBENCH_PAGE_CACHE=0 or 1
says whether pages are kept (config/page_cache.py).
"""

import os

from config.settings_test import *  # noqa: F403

if os.environ.get("BENCH_REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["BENCH_REDIS_URL"],
            "KEY_PREFIX": os.environ.get("BENCH_CACHE_PREFIX", "workbench-bench"),
        }
    }
WORKBENCH_PAGE_CACHE = os.environ.get("WORKBENCH_PAGE_CACHE", "1") == "1"
