"""``{% load discussions %}{% comments obj %}``: the comments of any commentable object.

The page that uses it has already decided that the viewer may see ``obj``. The block shows one
page of the thread (``?cpage=``, 50 top-level comments with their replies, oldest first) with
a fixed number of queries whatever the number of comments, a "load more" control (htmx, and a
plain link to the thread's own page without JavaScript), and the comment form for signed-in
people ("sign in to comment" for anonymous visitors).
"""

from __future__ import annotations

from django import template
from django.core.signals import setting_changed
from django.template.context_processors import csrf
from django.template.loader import render_to_string
from django.urls import get_script_prefix, get_urlconf
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from kaiku.core.forms import FORM_TOKEN_FIELD, new_form_token
from kaiku.core.links import reverse_cached
from kaiku.core.predicates import is_authenticated

from ..commentables import commentable_of, label_of
from ..forms import CommentForm
from ..rendering import anonymous_comments_html, comments_block_html, comments_html
from ..selectors import thread

register = template.Library()

_FORM_TEMPLATE = "core/includes/_form_fields.html"
# The empty comment form's fields as HTML, per language, script prefix and URLconf, with a
# mark where each rendering's one-time token goes (``_form_html``).
_TOKEN_MARK = "kaiku-form-token-mark-2f6e1c"
_forms: dict[tuple, str | None] = {}


def _forget(**kwargs) -> None:
    _forms.clear()


setting_changed.connect(_forget, dispatch_uid="kaiku.discussions.templatetags.forget")


def _form_html() -> SafeString:
    """``{% include "core/includes/_form_fields.html" with form=CommentForm() %}``: the
    same markup for every page but its one-time ``form_token``, so written once per
    language and given a new token each time (building and rendering the form was a tenth
    of a signed-in item page)."""
    key = (get_language(), get_script_prefix(), get_urlconf())
    if key not in _forms:
        form = CommentForm(initial={FORM_TOKEN_FIELD: _TOKEN_MARK})
        html = render_to_string(_FORM_TEMPLATE, {"form": form})
        _forms[key] = html if html.count(_TOKEN_MARK) == 1 else None
    html = _forms[key]
    if html is None:  # not expected: the form rendered afresh
        html = render_to_string(_FORM_TEMPLATE, {"form": CommentForm()})
        return mark_safe(html)  # noqa: S308 - a template's output
    return mark_safe(html.replace(_TOKEN_MARK, new_form_token()))  # noqa: S308 - as above


def _accepts_comments(obj) -> bool:
    """Drafts and scheduled items take no comments (news); the rest of the rule is the
    target's own visibility, which the page checked."""
    return getattr(obj, "is_published", True) is not False


@register.simple_tag(takes_context=True)
def comments(context, obj, heading_level: int = 2) -> str:
    request = context.get("request")
    if obj is None or commentable_of(obj) is None or not _accepts_comments(obj):
        return ""
    viewer = getattr(request, "user", None)
    page = request.GET.get("cpage") if request is not None else None
    data = thread(viewer=viewer, target=obj, page=page)
    label = label_of(obj)
    here = request.path if request is not None else ""
    signed_in = request is not None and is_authenticated(viewer)
    csrf_token = _csrf_token(context, request) if signed_in else ""
    # The comments and the block around them are written in Python (rendering.py), not by
    # an include per comment and the block's templates (``_comments.html``).
    if not signed_in:
        written = anonymous_comments_html(data.comments)
    else:
        written = comments_html(
            data.comments, request=request, csrf_token=csrf_token, here=here, locked=data.locked
        )
    return comments_block_html(
        data,
        comments=written,
        comments_url=reverse_cached("discussions:comments", target=label, object_id=obj.pk),
        heading_level=heading_level,
        here=here,
        signed_in=signed_in,
        csrf_token=csrf_token,
        # The form is shown to signed-in people only.
        form_html=_form_html() if signed_in else "",
    )


def _csrf_token(context, request) -> str:
    """The page's CSRF token (one masked token for all its forms), as ``{% csrf_token %}``
    reads it."""
    token = context.get("csrf_token")
    if token is None:
        token = csrf(request)["csrf_token"]
    return str(token)
