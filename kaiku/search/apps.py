from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "kaiku.search"
    label = "search"
    verbose_name = _("Search")

    def ready(self) -> None:
        from kaiku.accounts.personal_data import not_personal
        from kaiku.core.search import register_indexer

        from .indexing import reindex

        # Every registered model's saves and deletes reach reindex() after the commit
        # (kaiku.core.search connects the signals when a model is registered).
        register_indexer(reindex)
        not_personal(
            "search.searchentry",
            "title_fi", "title_sv", "title_en", "body_fi", "body_sv", "body_en",
            "title_terms", "body_terms",
            reason="A copy of searchable content, derived from it and replaced with it; a "
            "person's rows leave the index when they are removed.",
        )  # fmt: skip
