from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# psycopg keeps the parsed form of a query (where its parameters go) for queries up to
# 4,096 characters and 50 parameters, and parses longer ones again on every run (about 700
# Python calls each). Kaiku's kept queries (``kaiku.core.prepared``) are few and fixed, and
# some are longer (the front page's UNION ALL panels): keep them too. The cache stays an LRU
# of 128 queries, so memory is bounded (a few megabytes at most).
PSYCOPG_CACHED_QUERY_LIMITS = {
    "MAX_CACHED_STATEMENT_LENGTH": 32_768,
    "MAX_CACHED_STATEMENT_PARAMS": 500,
}


def keep_long_queries_parsed() -> None:
    """Raise psycopg's limits for the queries whose parsed form it keeps (see above)."""
    try:
        from psycopg import _queries
    except ImportError:  # SQLite only: psycopg is not installed
        return
    for name, limit in PSYCOPG_CACHED_QUERY_LIMITS.items():
        if getattr(_queries, name, limit) < limit:
            setattr(_queries, name, limit)


class CoreConfig(AppConfig):
    name = "kaiku.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from .cache import connect_signals

        connect_signals()
        keep_long_queries_parsed()
