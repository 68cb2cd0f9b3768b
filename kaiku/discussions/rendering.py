"""A page of comments as an anonymous visitor sees it, written in Python.

``discussions/includes/_comment.html`` (one include per comment and per reply, a dozen
conditions, a loop over the reactions) was most of an item page's uncached CPU: about 12 ms
for the 50 comments of a busy thread at bench scale. An anonymous visitor's view of a
comment has no forms, links of their own or moderation, so ``{% comments %}`` writes it
here instead, with f-strings; signed-in people's pages still use the template.
``tests/test_rendering.py`` keeps the two byte for byte the same for every kind of comment
(removed, hidden by a moderator with and without a reason, hidden by reports, edited, with
replies and reactions, without an author).

Texts from the database go through ``escape``; ``{% translate "…" %}`` literals are
written unescaped, as the template does with them.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.urls import reverse
from django.utils.formats import localize
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.timezone import template_localtime
from django.utils.translation import gettext

from kaiku.core.templatetags.translated import translated_markdown


def _texts() -> dict[str, str]:
    return {
        "removed_user": gettext("Removed user"),
        "edited": gettext("edited"),
        "earlier": gettext("earlier versions"),
        "removed": gettext("Removed by the author."),
        "hidden_reason": gettext("Hidden by a moderator: %(reason)s"),
        "hidden": gettext("Hidden by a moderator."),
        "reported": gettext(
            "Hidden until a moderator has looked at it: several people reported it."
        ),
    }


def _reactions(comment) -> str:
    return "".join(
        f'<span class="reaction"><span aria-hidden="true">{escape(r["emoji"])}</span> '
        f'<span class="visually-hidden">{escape(r["label"])}:</span> '
        f"{escape(localize(r['count']))}</span>"
        for r in comment.reaction_list
        if r["count"]
    )


def _comment(comment, texts: dict[str, str]) -> str:
    pk = escape(localize(comment.pk))
    author = escape(comment.author.display_name) if comment.author else texts["removed_user"]
    created = template_localtime(comment.created)
    stamp = f"{created.day}.{created.month}.{created.year:04d} {created:%H}:{created:%M}"
    removed, hidden = comment.is_removed, comment.is_hidden
    edited = ""
    if comment.is_edited and not removed:
        history = escape(reverse("discussions:comment_history", kwargs={"pk": comment.pk}))
        edited = (
            f'\n      · <a href="{history}">{texts["edited"]}'
            f'<span class="visually-hidden">: {texts["earlier"]}</span></a>'
        )
    parts = [
        f'<li class="comment{" comment--reply" if comment.parent_id else ""}" id="comment-{pk}">\n'
        f'  <article class="comment__body" aria-labelledby="comment-{pk}-meta">\n'
        f'    <p class="comment__meta" id="comment-{pk}-meta"><strong>{author}</strong>\n'
        f'      <a href="#comment-{pk}" class="muted"><time datetime="{created.isoformat()}">'
        f"{stamp}</time></a>{edited}</p>\n    "
    ]
    if removed:
        parts.append(f'\n    <p class="comment__placeholder">{texts["removed"]}</p>\n    ')
    elif hidden:
        if comment.hidden_by_id:
            if comment.hidden_reason:
                why = texts["hidden_reason"] % {"reason": escape(comment.hidden_reason)}
            else:
                why = texts["hidden"]
        else:
            why = texts["reported"]
        # An anonymous visitor is never shown the hidden text.
        parts.append(f'\n    <p class="comment__placeholder">{why}</p>\n    \n    ')
    else:
        parts.append(f"\n    {translated_markdown(comment, 'body', 'prose')}\n    ")
    parts.append("\n    ")
    if not removed and not hidden:
        parts.append(
            '\n    <div class="comment__actions">\n      \n      '
            f"{_reactions(comment)}\n      \n    </div>\n    "
        )
    parts.append("\n  </article>\n  ")
    reply_list = getattr(comment, "reply_list", None)  # replies have none
    if reply_list:
        replies = "".join(_comment(reply, texts) for reply in reply_list)
        parts.append(
            f'\n  <ol class="comment-list comment-list--replies">\n    {replies}\n  </ol>\n  '
        )
    parts.append("\n</li>\n")
    return "".join(parts)


def anonymous_comments_html(comments: Sequence) -> SafeString:
    """The ``<li>`` of each comment (and its replies) of a ``selectors.thread`` page, as
    ``_comment.html`` writes them for a visitor who is not signed in."""
    texts = _texts()
    return mark_safe("".join(_comment(comment, texts) for comment in comments))  # noqa: S308
