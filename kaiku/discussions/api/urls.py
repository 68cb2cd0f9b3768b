"""The discussions API's routes; ``config/api.py`` puts them on the project's router."""

from __future__ import annotations

from .views import CommentViewSet, DiscussionViewSet

routes = [
    ("discussions", DiscussionViewSet, "discussion"),
    ("comments", CommentViewSet, "comment"),
]
