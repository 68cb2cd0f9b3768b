"""A page of comments written in Python.

``discussions/includes/_comment.html`` (one include per comment and per reply, a dozen
conditions, three reaction forms each with a ``{% url %}`` and a CSRF token) was most of an
item page's uncached CPU: about 12 ms for the 50 comments of a busy thread at bench scale
for an anonymous visitor, 30 ms signed in. ``{% comments %}`` writes them here instead
(``anonymous_comments_html`` for a visitor who is not signed in, ``comments_html`` for a
signed-in person); the template still renders the htmx "load more" pages and the thread's
own page. ``tests/test_rendering.py`` keeps the two byte for byte the same for every kind
of comment (removed, hidden by a moderator with and without a reason, hidden by reports,
edited, with replies and reactions, without an author) and viewer (anonymous, the author,
a moderator, someone else).

Texts from the database go through ``escape``; ``{% translate "…" %}`` literals are
written unescaped, as the template does with them.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.formats import localize
from django.utils.html import conditional_escape, escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.timezone import template_localtime
from django.utils.translation import gettext

from kaiku.core.links import reverse_cached
from kaiku.core.moderation import report_link
from kaiku.core.translations import current_language, pick_html


def _texts() -> dict[str, str]:
    return {
        # The page's language (for the body's ``lang``), asked once per page.
        "language": current_language(),
        "removed_user": gettext("Removed user"),
        "edited": gettext("edited"),
        "earlier": gettext("earlier versions"),
        "removed": gettext("Removed by the author."),
        "hidden_reason": gettext("Hidden by a moderator: %(reason)s"),
        "hidden": gettext("Hidden by a moderator."),
        "reported": gettext(
            "Hidden until a moderator has looked at it: several people reported it."
        ),
        "own_hidden": gettext("Only you and the moderators see the text:"),
        "moderator_hidden": gettext("The hidden text (you see it as a moderator):"),
        "reply": gettext("Reply"),
        "edit": gettext("Edit"),
        "remove": gettext("Remove"),
    }


def _url(name: str, pk: int) -> str:
    """A comment's address, escaped, from ``reverse_cached``'s template (not one
    ``reverse()`` per comment)."""
    return escape(reverse_cached(f"discussions:{name}", pk=pk))


class _Viewer:
    """What a signed-in person's view of every comment shares."""

    def __init__(self, request, *, csrf_token: str, here: str, locked: bool) -> None:
        self.user = getattr(request, "user", None)
        self.csrf = (
            format_html('<input type="hidden" name="csrfmiddlewaretoken" value="{}">', csrf_token)
            if csrf_token and csrf_token != "NOTPROVIDED"
            else ""
        )
        self.here = escape(here)
        self.locked = locked
        self._middles: dict[str, str] = {}

    def form_middle(self, reaction: dict) -> str:
        """A reaction form's markup from the end of its address to the button's class,
        the same for every comment."""
        kind = reaction["kind"]
        middle = self._middles.get(kind)
        if middle is None:
            middle = self._middles[kind] = (
                '" class="comment__reaction">\n        '
                f'{self.csrf}<input type="hidden" name="kind" value="{escape(kind)}">'
                f'<input type="hidden" name="next" value="{self.here}">\n        '
                '<button type="submit" class="reaction'
            )
        return middle


_labels: dict[tuple[str, str], str] = {}


def _reaction_label(reaction: dict) -> str:
    """A reaction's emoji and its label for screen readers (escaped once per process)."""
    key = (reaction["emoji"], reaction["label"])
    label = _labels.get(key)
    if label is None:
        label = _labels[key] = (
            f'<span aria-hidden="true">{escape(key[0])}</span> '
            f'<span class="visually-hidden">{escape(key[1])}:</span> '
        )
    return label


def _count(n: int) -> str:
    """``localize(n)`` escaped: below a thousand a count has no separator to localise."""
    if type(n) is int and 0 <= n < 1000:
        return str(n)
    return escape(localize(n))


def _reactions(comment) -> str:
    return "".join(
        f'<span class="reaction">{_reaction_label(r)}{_count(r["count"])}</span>'
        for r in comment.reaction_list
        if r["count"]
    )


def _actions(comment, texts: dict[str, str], viewer: _Viewer) -> str:
    """The signed-in branch of ``comment__actions``: reaction forms, reply, edit and remove,
    the report link."""
    react = _url("comment_react", comment.pk)
    forms = "".join(
        f'\n      <form method="post" action="{react}{viewer.form_middle(r)}'
        f'{" reaction--mine" if r["mine"] else ""}" '
        f'aria-pressed="{"true" if r["mine"] else "false"}">{_reaction_label(r)}'
        f"{_count(r['count'])}</button>\n      </form>\n      "
        for r in comment.reaction_list
    )
    reply = ""
    if not comment.parent_id and not viewer.locked:
        reply = f'<a href="{_url("comment_reply", comment.pk)}">{texts["reply"]}</a>'
    own = ""
    if comment.is_own:
        own = (
            f'<a href="{_url("comment_edit", comment.pk)}">{texts["edit"]}</a>\n      '
            f'<a href="{_url("comment_delete", comment.pk)}">{texts["remove"]}</a>'
        )
    report = conditional_escape(report_link(viewer.user, comment))
    return f"\n      {forms}\n      {reply}\n      {own}\n      {report}\n      "


def _body(comment, texts: dict[str, str]) -> str:
    """``{% translated_markdown comment "body" "prose" %}`` for the page's language."""
    language = texts["language"]
    html, code = pick_html(comment, "body", language)
    if not html:
        return html
    if code and code != language:
        return f'<div class="prose" lang="{escape(code)}">{html}</div>'
    return f'<div class="prose">{html}</div>'


def _comment(comment, texts: dict[str, str], viewer=None) -> str:
    pk = escape(localize(comment.pk))
    author = escape(comment.author.display_name) if comment.author else texts["removed_user"]
    created = template_localtime(comment.created)
    stamp = f"{created.day}.{created.month}.{created.year:04d} {created:%H}:{created:%M}"
    removed, hidden = comment.is_removed, comment.is_hidden
    edited = ""
    if comment.is_edited and not removed:
        history = _url("comment_history", comment.pk)
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
        shown = ""
        if comment.show_text:  # never for an anonymous visitor
            whose = texts["own_hidden"] if comment.is_own else texts["moderator_hidden"]
            shown = (
                f'<div class="comment__hidden-text">\n      <p class="muted">{whose}</p>\n      '
                f"{_body(comment, texts)}\n    </div>"
            )
        parts.append(f'\n    <p class="comment__placeholder">{why}</p>\n    {shown}\n    ')
    else:
        parts.append(f"\n    {_body(comment, texts)}\n    ")
    parts.append("\n    ")
    if not removed and not hidden:
        if viewer is None:
            actions = f"\n      {_reactions(comment)}\n      "
        else:
            actions = _actions(comment, texts, viewer)
        parts.append(f'\n    <div class="comment__actions">\n      {actions}\n    </div>\n    ')
    elif viewer is not None and comment.is_own and hidden:
        edit = _url("comment_edit", comment.pk)
        parts.append(
            f'\n    <div class="comment__actions"><a href="{edit}">{texts["edit"]}</a></div>\n    '
        )
    parts.append("\n  </article>\n  ")
    reply_list = getattr(comment, "reply_list", None)  # replies have none
    if reply_list:
        replies = "".join(_comment(reply, texts, viewer) for reply in reply_list)
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


def comments_html(
    comments: Sequence, *, request, csrf_token: str, here: str, locked: bool
) -> SafeString:
    """The same for a signed-in person (``request.user``): with the reaction forms (the
    ``csrf_token`` and ``here``, the address to come back to), reply, edit and remove links
    and the report link; ``locked``: the thread takes no replies."""
    texts = _texts()
    viewer = _Viewer(request, csrf_token=csrf_token, here=here, locked=locked)
    return mark_safe(  # noqa: S308 - every text escaped
        "".join(_comment(comment, texts, viewer) for comment in comments)
    )
