"""``{% load discussions %}{% comments obj %}``: the comments of any commentable object.

The page that uses it has already decided that the viewer may see ``obj``. The block shows one
page of the thread (``?cpage=``, 50 top-level comments with their replies, oldest first) with
a fixed number of queries whatever the number of comments, a "load more" control (htmx, and a
plain link to the thread's own page without JavaScript), and the comment form for signed-in
people ("sign in to comment" for anonymous visitors).
"""

from __future__ import annotations

from django import template
from django.template.context_processors import csrf
from django.template.loader import render_to_string

from kaiku.core.links import reverse_cached
from kaiku.core.predicates import is_authenticated

from ..commentables import commentable_of, label_of
from ..forms import CommentForm
from ..rendering import anonymous_comments_html, comments_html
from ..selectors import thread

register = template.Library()


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
    # The comments are written in Python (rendering.py), not by an include per comment.
    if request is None or not is_authenticated(viewer):
        written = anonymous_comments_html(data.comments)
    else:
        written = comments_html(
            data.comments,
            request=request,
            csrf_token=str(csrf(request)["csrf_token"]),
            here=here,
            locked=data.locked,
        )
    return render_to_string(
        "discussions/includes/_comments.html",
        {
            "thread": data,
            "comments_html": written,
            "target": obj,
            "comments_url": reverse_cached("discussions:comments", target=label, object_id=obj.pk),
            "heading_level": heading_level,
            # The form is shown to signed-in people only (_comment_form_block.html).
            "thread_form": CommentForm() if is_authenticated(viewer) else None,
            "here": here,
        },
        request=request,
    )
