"""OpenAPI schema additions shared by every resource.

``document_error_responses`` (a drf-spectacular postprocessing hook, registered in
``SPECTACULAR_SETTINGS``) documents the error answers of the project's exception handler
(``kaiku.core.api.exceptions``): one ``Error`` component, ``{"message", "extra"}``, for 400
(invalid parameters or body), 401/403 (refused credentials or permission), 404 (no such
object or page) and 429 (throttled, with ``Retry-After``). schemathesis then validates error
bodies against it as well.
"""

from __future__ import annotations

ERROR_COMPONENT = "Error"

ERROR_SCHEMA = {
    "type": "object",
    "description": (
        "Every API error: a human-readable `message` in the request's language and details in "
        "`extra` (for invalid input `extra.fields` maps each field to its messages)."
    ),
    "properties": {
        "message": {"type": "string"},
        "extra": {"type": "object", "additionalProperties": True},
    },
    "required": ["message", "extra"],
}

DESCRIPTIONS = {
    "400": "Invalid parameters or body.",
    "401": "Invalid credentials.",
    "403": "Invalid credentials or not permitted.",
    "404": "No such object or page.",
    "429": "Too many requests: wait the number of seconds in `Retry-After`.",
}

RETRY_AFTER_HEADER = {
    "Retry-After": {
        "description": "Seconds to wait before the next request.",
        "schema": {"type": "integer"},
    }
}

HTTP_METHODS = {"get", "put", "post", "delete", "options", "head", "patch", "trace"}


def _error_statuses(operation: dict) -> list[str]:
    parameters = operation.get("parameters", [])
    statuses = ["401", "403", "429"]
    if "requestBody" in operation or any(p.get("in") == "query" for p in parameters):
        statuses.append("400")
    if any(p.get("in") == "path" or p.get("name") == "page" for p in parameters):
        statuses.append("404")
    return statuses


def document_error_responses(result, generator, request, public):
    result.setdefault("components", {}).setdefault("schemas", {})[ERROR_COMPONENT] = ERROR_SCHEMA
    reference = {"$ref": f"#/components/schemas/{ERROR_COMPONENT}"}
    for path_item in result.get("paths", {}).values():
        for method, operation in path_item.items():
            if method not in HTTP_METHODS:
                continue
            responses = operation.setdefault("responses", {})
            for status in _error_statuses(operation):
                response = {
                    "description": DESCRIPTIONS[status],
                    "content": {"application/json": {"schema": reference}},
                }
                if status == "429":
                    response["headers"] = RETRY_AFTER_HEADER
                responses.setdefault(status, response)
    # Registered through this hook so that SPECTACULAR_SETTINGS lists one project hook.
    return document_optional_authentication(result, generator, request, public)


SAFE_METHODS = {"get", "head", "options"}


def document_optional_authentication(result, generator, request, public):
    """Reads that anyone may make declare ``security: [{}]`` ("no authentication needed").

    drf-spectacular lists the token and session schemes with ``{}`` for them, and Swagger UI
    then draws a lock on every public endpoint as if a token were needed. A token is still
    accepted there (it shows also what its owner may see): the API's description and the
    reference at /api/docs/ say so.
    """
    for path_item in result.get("paths", {}).values():
        for method, operation in path_item.items():
            if method in SAFE_METHODS and {} in operation.get("security", []):
                operation["security"] = [{}]
    return result
