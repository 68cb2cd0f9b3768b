"""A page of comments written in Python.

``discussions/includes/_comment.html`` (one include per comment and per reply, a dozen
conditions, three reaction forms each with a ``{% url %}`` and a CSRF token) was most of an
item page's uncached CPU: about 12 ms for the 50 comments of a busy thread at bench scale
for an anonymous visitor, 30 ms signed in. ``{% comments %}`` writes them here instead
(``anonymous_comments_html`` for a visitor who is not signed in, ``comments_html`` for a
signed-in person), and the block around them (``comments_block_html``: the heading, the
earlier and more links, the sign-in link or the form) instead of ``_comments.html``, which
stays as the tests' reference; the template still renders the htmx "load more" pages and
the thread's own page. ``tests/test_rendering.py`` keeps the two byte for byte the same
for every kind of comment (removed, hidden by a moderator with and without a reason, hidden
by reports, edited, with replies and reactions, without an author), viewer (anonymous, the
author, a moderator, someone else) and state of the block (pages before and after, no
comments, locked).

Texts from the database go through ``escape``; ``{% translate "…" %}`` literals are
written unescaped, as the template does with them. What every comment of a page shares is
worked out once per page (``_Page``): the texts, the time zone, the comments' addresses
(``reverse_cached`` once per view, then the id put in), the report link's parts and the
reaction forms.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape as html_escape
from urllib.parse import quote

from django.conf import settings
from django.core.signals import setting_changed
from django.utils import timezone
from django.utils.formats import localize
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, gettext

from kaiku.core.links import reverse_cached
from kaiku.core.moderation import report_links
from kaiku.core.predicates import is_authenticated
from kaiku.core.translations import current_language, pick_html, translated_languages

from .models import Comment

# An id no comment has, to cut a reversed address around (``_Page.link``).
_MARK = 987_654_321_987


_texts_by_language: dict[str | None, dict[str, str]] = {}


def _forget(**kwargs) -> None:
    _texts_by_language.clear()


setting_changed.connect(_forget, dispatch_uid="kaiku.discussions.rendering.forget")


def _texts() -> dict[str, str]:
    """The comments' texts in the active language, translated once per process."""
    language = get_language()
    texts = _texts_by_language.get(language)
    if texts is None:
        texts = _texts_by_language[language] = _translated_texts()
    return texts


def _translated_texts() -> dict[str, str]:
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
        "own_hidden": gettext("Only you and the moderators see the text:"),
        "moderator_hidden": gettext("The hidden text (you see it as a moderator):"),
        "reply": gettext("Reply"),
        "edit": gettext("Edit"),
        "remove": gettext("Remove"),
    }


def _escape_text(text) -> str:
    """``escape(text)`` for a comment's texts: the standard library's ``html.escape``, as
    Django's ``escape`` does it, without its check for lazy texts."""
    return html_escape(text) if type(text) is str else escape(text)


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


class _Page:
    """What the comments of one page share: texts, the time zone, addresses, numbers."""

    def __init__(self) -> None:
        self.texts = _texts()
        # The page's language (for the body's ``lang``), asked once per page.
        self.language = current_language()
        self.timezone = timezone.get_current_timezone() if settings.USE_TZ else None
        # ``localize`` of a whole number is the number itself without thousand separators.
        self.plain_numbers = not settings.USE_THOUSAND_SEPARATOR
        # A comment's text is in one language (no ``body_fi``…): its stored HTML as it is.
        self.plain_body = not translated_languages(Comment, "body")
        self._links: dict[str, tuple[str, str]] = {}

    def number(self, n) -> str:
        """``localize(n)`` escaped, as ``{{ n }}`` writes it."""
        if type(n) is int and self.plain_numbers:
            return f"{n}"
        return escape(localize(n))

    def link(self, name: str, pk: int) -> str:
        """``reverse_cached(name, pk=pk)`` escaped: the address reversed once per page and
        view with a mark for the id, then cut around it."""
        parts = self._links.get(name)
        if parts is None:
            address = reverse_cached(name, pk=_MARK)
            before, mark, after = address.partition(str(_MARK))
            if not mark or str(_MARK) in after:
                return escape(reverse_cached(name, pk=pk))
            parts = self._links[name] = (escape(before), escape(after))
        return f"{parts[0]}{pk}{parts[1]}"

    def local(self, moment):
        """``template_localtime``: an aware time in the current time zone."""
        if self.timezone is not None and moment.utcoffset() is not None:
            return moment.astimezone(self.timezone)
        return moment

    def body(self, comment) -> str:
        """``{% translated_markdown comment "body" "prose" %}`` for the page's language."""
        if self.plain_body and comment.body and comment.body_html:
            return f'<div class="prose">{comment.body_html}</div>'
        language = self.language
        html, code = pick_html(comment, "body", language)
        if not html:
            return html
        if code and code != language:
            return f'<div class="prose" lang="{escape(code)}">{html}</div>'
        return f'<div class="prose">{html}</div>'

    def reactions(self, comment) -> str:
        return "".join(
            [
                f'<span class="reaction">{_reaction_label(r)}{self.number(r["count"])}</span>'
                for r in comment.reaction_list
                if r["count"]
            ]
        )


class _Viewer:
    """What a signed-in person's view of every comment shares."""

    def __init__(self, request, page: _Page, *, csrf_token: str, here: str, locked: bool):
        self.page = page
        user = getattr(request, "user", None)
        self.user_id = user.pk if is_authenticated(user) else None
        self.csrf = (
            format_html('<input type="hidden" name="csrfmiddlewaretoken" value="{}">', csrf_token)
            if csrf_token and csrf_token != "NOTPROVIDED"
            else ""
        )
        self.here = escape(here)
        self.locked = locked
        self._middles: dict[str, str] = {}
        self._forms: tuple[list, list[str]] | None = None
        self._report = report_links(user, Comment)

    def report(self, comment, user) -> str:
        """``report_link(user, comment)``."""
        return self._report(comment)

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

    def form_ends(self, reactions: list) -> list[str]:
        """Each reaction form's markup after its address; the shared list of a comment
        without reactions (``selectors._prepare``) worked out once."""
        known = self._forms
        if known is not None and known[0] is reactions:
            return known[1]
        number = self.page.number
        ends = [
            f"{self.form_middle(r)}"
            f'{" reaction--mine" if r["mine"] else ""}" '
            f'aria-pressed="{"true" if r["mine"] else "false"}">{_reaction_label(r)}'
            f"{number(r['count'])}</button>\n      </form>\n      "
            for r in reactions
        ]
        if not any(r["count"] for r in reactions):
            self._forms = (reactions, ends)
        return ends


def _actions(comment, page: _Page, viewer: _Viewer, user) -> str:
    """The signed-in branch of ``comment__actions``: reaction forms, reply, edit and remove,
    the report link."""
    texts = page.texts
    react = page.link("discussions:comment_react", comment.pk)
    forms = "".join(
        [
            f'\n      <form method="post" action="{react}{end}'
            for end in viewer.form_ends(comment.reaction_list)
        ]
    )
    reply = ""
    if not comment.parent_id and not viewer.locked:
        reply = (
            f'<a href="{page.link("discussions:comment_reply", comment.pk)}">{texts["reply"]}</a>'
        )
    own = ""
    if comment.is_own:
        own = (
            f'<a href="{page.link("discussions:comment_edit", comment.pk)}">{texts["edit"]}</a>'
            "\n      "
            f'<a href="{page.link("discussions:comment_delete", comment.pk)}">'
            f"{texts['remove']}</a>"
        )
    report = viewer.report(comment, user)
    return f"\n      {forms}\n      {reply}\n      {own}\n      {report}\n      "


def _comment(comment, page: _Page, viewer: _Viewer | None = None, user=None) -> str:
    texts = page.texts
    pk = page.number(comment.pk)
    author = comment.author
    author = _escape_text(author.display_name) if author else texts["removed_user"]
    created = page.local(comment.created)
    stamp = f"{created.day}.{created.month}.{created.year:04d} {created:%H}:{created:%M}"
    removed, hidden = comment.deleted_at is not None, comment.hidden_at is not None
    edited = ""
    if comment.edited_at is not None and not removed:
        history = page.link("discussions:comment_history", comment.pk)
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
                why = texts["hidden_reason"] % {"reason": _escape_text(comment.hidden_reason)}
            else:
                why = texts["hidden"]
        else:
            why = texts["reported"]
        shown = ""
        if comment.show_text:  # never for an anonymous visitor
            whose = texts["own_hidden"] if comment.is_own else texts["moderator_hidden"]
            shown = (
                f'<div class="comment__hidden-text">\n      <p class="muted">{whose}</p>\n      '
                f"{page.body(comment)}\n    </div>"
            )
        parts.append(f'\n    <p class="comment__placeholder">{why}</p>\n    {shown}\n    ')
    else:
        parts.append(f"\n    {page.body(comment)}\n    ")
    parts.append("\n    ")
    if not removed and not hidden:
        if viewer is None:
            actions = f"\n      {page.reactions(comment)}\n      "
        else:
            actions = _actions(comment, page, viewer, user)
        parts.append(f'\n    <div class="comment__actions">\n      {actions}\n    </div>\n    ')
    elif viewer is not None and comment.is_own and hidden:
        edit = page.link("discussions:comment_edit", comment.pk)
        parts.append(
            f'\n    <div class="comment__actions"><a href="{edit}">{texts["edit"]}</a></div>\n    '
        )
    parts.append("\n  </article>\n  ")
    reply_list = getattr(comment, "reply_list", None)  # replies have none
    if reply_list:
        replies = "".join([_comment(reply, page, viewer, user) for reply in reply_list])
        parts.append(
            f'\n  <ol class="comment-list comment-list--replies">\n    {replies}\n  </ol>\n  '
        )
    parts.append("\n</li>\n")
    return "".join(parts)


def anonymous_comments_html(comments: Sequence) -> SafeString:
    """The ``<li>`` of each comment (and its replies) of a ``selectors.thread`` page, as
    ``_comment.html`` writes them for a visitor who is not signed in."""
    page = _Page()
    return mark_safe("".join([_comment(comment, page) for comment in comments]))  # noqa: S308


def comments_html(
    comments: Sequence, *, request, csrf_token: str, here: str, locked: bool
) -> SafeString:
    """The same for a signed-in person (``request.user``): with the reaction forms (the
    ``csrf_token`` and ``here``, the address to come back to), reply, edit and remove links
    and the report link; ``locked``: the thread takes no replies."""
    page = _Page()
    viewer = _Viewer(request, page, csrf_token=csrf_token, here=here, locked=locked)
    user = getattr(request, "user", None)
    return mark_safe(  # noqa: S308 - every text escaped
        "".join([_comment(comment, page, viewer, user) for comment in comments])
    )


def comments_block_html(
    data,
    *,
    comments: str,
    comments_url: str,
    heading_level,
    here: str,
    signed_in: bool,
    csrf_token: str = "",
    form_html: str = "",
) -> SafeString:
    """``discussions/includes/_comments.html`` (with ``_comment_page.html`` and
    ``_comment_form_block.html``) for a ``selectors.thread`` page ``data`` whose comments
    are written already (``comments``): the heading with the count, the links to earlier
    and more comments, and the sign-in link, the locked notice or the comment form
    (``form_html``, ``csrf_token``). ``tests/test_rendering.py`` keeps it byte for byte
    the template's output."""
    page = _Page()
    number = page.number
    level = number(heading_level or 2)
    thread_page = data.page
    heading = gettext("Comments")
    parts = [
        '<section class="comments" id="comments" aria-labelledby="comments-title">\n'
        f'  <h{level} id="comments-title">{heading} '
        f'<span class="muted">({number(data.total)})</span></h{level}>\n  '
    ]
    if thread_page.has_previous():
        earlier = gettext("Earlier comments")
        parts.append(
            f'<p><a href="?cpage={number(thread_page.previous_page_number())}#comments" '
            f'rel="prev">{earlier}</a></p>'
        )
    parts.append("\n  ")
    if data.comments:
        more = ""
        if thread_page.has_next():
            address = f"{escape(comments_url)}?page={number(thread_page.next_page_number())}"
            show_more = gettext("Show more comments")
            more = (
                '<li class="comments-more">\n  <a class="button button--secondary" '
                f'href="{address}" hx-get="{address}" hx-target="closest li" '
                f'hx-swap="outerHTML">{show_more}</a>\n</li>'
            )
        parts.append(f'\n  <ol class="comment-list">\n    {comments}\n{more}\n\n  </ol>\n  ')
    else:
        no_comments = gettext("No comments yet.")
        parts.append(f'\n  <p class="muted">{no_comments}</p>\n  ')
    parts.append("\n  ")
    if not signed_in:
        login = escape(reverse_cached("account_login"))
        sign_in = gettext("Sign in to comment")
        parts.append(
            f'\n<p><a href="{login}?next={escape(quote(here))}%23comments">{sign_in}</a></p>\n'
        )
    elif data.locked and not data.can_moderate:
        locked = gettext("This discussion is locked: it takes no new comments.")
        parts.append(f'\n<p class="notice">{locked}</p>\n')
    else:
        csrf = (
            format_html('<input type="hidden" name="csrfmiddlewaretoken" value="{}">', csrf_token)
            if csrf_token and csrf_token != "NOTPROVIDED"
            else ""
        )
        write = gettext("Write a comment")
        send = gettext("Send comment")
        parts.append(
            f'\n<form method="post" action="{escape(comments_url)}" '
            'class="form comment-form" novalidate>\n'
            f'  {csrf}\n  <h3 class="comment-form__title">{write}</h3>\n'
            f'  {form_html}\n  <button type="submit">{send}</button>\n'
            "</form>\n"
        )
    parts.append("\n\n</section>\n")
    return mark_safe("".join(parts))  # noqa: S308 - every text escaped
