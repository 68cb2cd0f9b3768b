from __future__ import annotations

app_name = "discussions"

urlpatterns: list = []
