"""An accessible, server-rendered API reference generated from the OpenAPI schema.

Swagger UI (``/api/docs/explorer/``) is kept for trying requests out, but it is a third-party
single-page app that does not meet WCAG 2.1 AA; the reference at ``/api/docs/`` does, and it
works without JavaScript.
"""

from __future__ import annotations

from functools import lru_cache

from django.shortcuts import render
from django.utils.translation import get_language
from django.views.decorators.http import require_GET
from drf_spectacular.generators import SchemaGenerator

HTTP_METHODS = ("get", "post", "put", "patch", "delete")


@lru_cache(maxsize=8)
def _schema(language: str) -> dict:
    # The schema does not depend on the viewer (every endpoint is listed; access is enforced
    # by each endpoint), so it is built once per language and process.
    return SchemaGenerator().get_schema(request=None, public=True)


def _resolve(schema: dict, ref_or_obj: dict) -> dict:
    ref = ref_or_obj.get("$ref") if isinstance(ref_or_obj, dict) else None
    if not ref:
        return ref_or_obj
    node = schema
    for part in ref.lstrip("#/").split("/"):
        node = node.get(part, {})
    return node


def api_reference(schema: dict) -> list[dict]:
    """Group the schema's operations by tag, in path order."""
    sections: dict[str, list[dict]] = {}
    for path, item in schema.get("paths", {}).items():
        for method in HTTP_METHODS:
            operation = item.get(method)
            if not operation:
                continue
            parameters = [_resolve(schema, p) for p in operation.get("parameters", [])]
            responses = [
                {"status": code, "description": _resolve(schema, value).get("description", "")}
                for code, value in operation.get("responses", {}).items()
            ]
            entry = {
                "id": operation.get("operationId", f"{method}-{path}"),
                "method": method.upper(),
                "path": path,
                "summary": operation.get("summary", ""),
                "description": operation.get("description", ""),
                "parameters": [
                    {
                        "name": p.get("name", ""),
                        "location": p.get("in", ""),
                        "required": p.get("required", False),
                        "type": (p.get("schema") or {}).get("type", ""),
                        "enum": (p.get("schema") or {}).get("enum", []),
                        "description": p.get("description", ""),
                    }
                    for p in parameters
                ],
                "responses": responses,
                "authenticated": bool(operation.get("security"))
                and {} not in operation.get("security", []),
            }
            for tag in operation.get("tags", ["api"]):
                sections.setdefault(tag, []).append(entry)
    return [{"tag": tag, "operations": ops} for tag, ops in sorted(sections.items())]


@require_GET
def api_docs(request):
    schema = _schema(get_language() or "fi")
    return render(
        request,
        "core/api/docs.html",
        {"info": schema.get("info", {}), "sections": api_reference(schema)},
    )
