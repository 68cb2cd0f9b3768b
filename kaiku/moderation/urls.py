from __future__ import annotations

app_name = "moderation"

urlpatterns: list = []
