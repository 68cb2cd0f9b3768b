"""Settings for the test suite (SQLite by default, PostgreSQL when DATABASE_URL says so)."""

from __future__ import annotations

from .base import *  # noqa: F403
from .base import CACHES, REST_FRAMEWORK, STORAGES, env

DEBUG = False
SECRET_KEY = "kaiku-test-secret-key-not-for-production-use-0123456789"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
KAIKU_MFA_ENFORCED = True
AXES_ENABLED = env.bool("AXES_ENABLED", default=True)
# API throttling stays on, with rates no test reaches (the cache outlives a test);
# kaiku/core/tests/test_api_throttling.py lowers them to prove the 429.
REST_FRAMEWORK = {
    **REST_FRAMEWORK,
    "DEFAULT_THROTTLE_RATES": {"anon": "100000/min", "user": "100000/min"},
}
# The page cache is off in tests (rolled-back transactions never bump the content
# generation); kaiku/core/tests/test_cache*.py switch it on with a local-memory cache.
CACHES = {
    **CACHES,
    "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "pages"},
}
KAIKU_PAGE_CACHE_ENABLED = False
KAIKU_PREPARED_VERIFY = True  # kaiku.core.prepared: compile every prepared query afresh too
