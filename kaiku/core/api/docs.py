"""An accessible, server-rendered API reference generated from the OpenAPI schema.

Swagger UI (``/api/docs/explorer/``) is kept for trying requests out, but it is a third-party
single-page app that does not meet WCAG 2.1 AA, so the site links only to the reference at
``/api/docs/``, which does and works without JavaScript. Descriptions in the schema are
Markdown (as OpenAPI says); they are rendered here with the site's sanitising renderer.
"""

from __future__ import annotations

import json
from functools import lru_cache

from django.shortcuts import render
from django.utils.translation import get_language
from django.views.decorators.http import require_GET
from drf_spectacular.generators import SchemaGenerator

from kaiku.core.markdown import render_markdown

HTTP_METHODS = ("get", "post", "put", "patch", "delete")
COMPONENT_PREFIX = "#/components/schemas/"


@lru_cache(maxsize=8)
def _schema(language: str) -> dict:
    # The schema does not depend on the viewer (every endpoint is listed; access is enforced
    # by each endpoint), so it is built once per language and process.
    return SchemaGenerator().get_schema(request=None, public=True)


def schema_for_language() -> dict:
    """The OpenAPI schema with texts in the active language."""
    return _schema(get_language() or "fi")


def _resolve(schema: dict, ref_or_obj: dict) -> dict:
    ref = ref_or_obj.get("$ref") if isinstance(ref_or_obj, dict) else None
    if not ref:
        return ref_or_obj
    node = schema
    for part in ref.lstrip("#/").split("/"):
        node = node.get(part, {})
    return node


def _component_name(node: dict) -> str:
    ref = node.get("$ref", "") if isinstance(node, dict) else ""
    return ref[len(COMPONENT_PREFIX) :] if ref.startswith(COMPONENT_PREFIX) else ""


def _type_of(node: dict) -> dict:
    """A field's type for people: its name, and the component it refers to (for a link)."""
    node = node or {}
    if name := _component_name(node):
        return {"label": name, "component": name}
    for key in ("allOf", "oneOf", "anyOf"):
        for part in node.get(key, []):
            if name := _component_name(part):
                return {"label": name, "component": name}
    if node.get("type") == "array":
        inner = _type_of(node.get("items", {}))
        return {"label": f"array of {inner['label']}", "component": inner.get("component", "")}
    label = node.get("type", "") or ("object" if node.get("properties") else "")
    if node.get("format"):
        label = f"{label} ({node['format']})"
    if node.get("enum"):
        label = f"{label}: {', '.join(str(v) for v in node['enum'] if v is not None)}"
    return {"label": label, "component": ""}


def _fields(schema: dict, node: dict) -> list[dict]:
    node = _resolve(schema, node)
    required = set(node.get("required", []))
    fields = []
    for name, prop in node.get("properties", {}).items():
        resolved = _resolve(schema, prop)
        description = prop.get("description") or resolved.get("description", "")
        fields.append(
            {
                "name": name,
                "type": _type_of(prop),
                "nullable": bool(prop.get("nullable") or resolved.get("nullable")),
                "required": name in required,
                "description": render_markdown(description),
            }
        )
    return fields


def _response(schema: dict, code: str, value: dict) -> dict:
    value = _resolve(schema, value)
    content = (value.get("content") or {}).get("application/json", {})
    body = content.get("schema") or {}
    return {
        "status": code,
        "description": render_markdown(value.get("description", "")),
        "type": _type_of(body) if body else None,
        "examples": [
            {
                "summary": example.get("summary", name),
                "value": json.dumps(example.get("value"), indent=2, ensure_ascii=False),
            }
            for name, example in (content.get("examples") or {}).items()
        ],
    }


def _authentication(operation: dict) -> str:
    security = operation.get("security")
    if not security or security == [{}]:
        return "none"
    return "optional" if {} in security else "required"


def api_reference(schema: dict) -> list[dict]:
    """Group the schema's operations by tag, in path order."""
    sections: dict[str, list[dict]] = {}
    for path, item in schema.get("paths", {}).items():
        for method in HTTP_METHODS:
            operation = item.get(method)
            if not operation:
                continue
            parameters = [_resolve(schema, p) for p in operation.get("parameters", [])]
            entry = {
                "id": operation.get("operationId", f"{method}-{path}"),
                "method": method.upper(),
                "path": path,
                "summary": operation.get("summary", ""),
                "description": render_markdown(operation.get("description", "")),
                "parameters": [
                    {
                        "name": p.get("name", ""),
                        "location": p.get("in", ""),
                        "required": p.get("required", False),
                        "type": _type_of(p.get("schema") or {})["label"],
                        "description": render_markdown(p.get("description", "")),
                        "examples": [
                            str(e.get("value"))
                            for e in (p.get("examples") or {}).values()
                            if e.get("value") not in (None, "")
                        ],
                    }
                    for p in parameters
                ],
                "responses": [
                    _response(schema, code, value)
                    for code, value in operation.get("responses", {}).items()
                ],
                "authentication": _authentication(operation),
            }
            for tag in operation.get("tags", ["api"]):
                sections.setdefault(tag, []).append(entry)
    return [{"tag": tag, "operations": ops} for tag, ops in sorted(sections.items())]


def data_types(schema: dict) -> list[dict]:
    """Every object component with its fields, for the reference's "Data types" section."""
    components = schema.get("components", {}).get("schemas", {})
    return [
        {
            "name": name,
            "description": render_markdown(node.get("description", "")),
            "fields": _fields(schema, node),
        }
        for name, node in sorted(components.items())
        if node.get("properties")
    ]


@require_GET
def api_docs(request):
    schema = schema_for_language()
    info = schema.get("info", {})
    return render(
        request,
        "core/api/docs.html",
        {
            "info": info,
            "description": render_markdown(info.get("description", "")),
            "sections": api_reference(schema),
            "data_types": data_types(schema),
        },
    )
