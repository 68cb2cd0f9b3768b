"""Who may use each named route: the access-control matrix.

``test_url_access_matrix`` walks every URL pattern in ``config.urls`` and fails when a route
is missing here (or listed here but gone). Adding a view therefore means deciding, in this
file, who may reach it — and the per-capability permission tests then prove the finer
rules (other organisation, moderator, …).

Levels, and what an anonymous GET must answer for a route without URL parameters:

``public``          anyone may read it: 200, or a redirect that is not to a login page
``authenticated``   logged-in people: anonymous GET redirects to the login page
``staff``           staff members: anonymous GET redirects to a login page, 403 or 404
``admin``           administrators (Django admin): as ``staff``
``api``             API endpoint readable without authentication: 200 (writes need a token)
``api-auth``        API endpoint that requires authentication: 401 or 403
``api-query``       API endpoint readable without authentication that needs a query
                    parameter: 400 without it (its tests check the 200s)
``post-only``       a state change that only answers POST (GET: 405, or a harmless redirect)

Keys are route names with their namespace (``organisations:detail``).
"""

from __future__ import annotations

from importlib import import_module

ACCESS_MATRIX: dict[str, str] = {
    # --- kaiku.core ------------------------------------------------------------------------
    "healthz": "public",
    # A redirect to the site's icon (browsers ask for /favicon.ico).
    "favicon": "public",
    # Markdown preview of the editing forms: signed-in people, POST only (CSRF).
    "core:markdown_preview": "authenticated",
    # --- kaiku.site ------------------------------------------------------------------------
    "site:home": "public",
    "site:accessibility": "public",
    # --- Django i18n ------------------------------------------------------------------------
    # POST changes the language (and a logged-in person's stored choice); a GET just
    # redirects back (kaiku.accounts.views.set_language around Django's).
    "set_language": "post-only",
    # --- kaiku.accounts ---------------------------------------------------------------------
    "accounts:profile": "authenticated",
    "accounts:token_create": "authenticated",  # POST only
    "accounts:token_revoke": "authenticated",  # POST only
    "accounts:data_export": "authenticated",  # POST only
    "accounts:account_remove": "authenticated",
    "accounts:person_detail": "authenticated",
    # The secret link of an invitation email: anyone holding it (404 for a wrong or used one).
    "accounts:invitation": "public",
    # --- kaiku.organisations ----------------------------------------------------------------
    "organisations:list": "public",
    "organisations:detail": "public",
    "organisations:region_detail": "public",
    # Read-only API (kaiku/organisations/api): reference data, public.
    "organisation-list": "api",
    "organisation-detail": "api",
    "region-list": "api",
    "region-detail": "api",
    # --- kaiku.programme (visibility per item: kaiku/programme/tests) ----------------------
    "programme:list": "public",
    "programme:detail": "public",
    "programme:group_detail": "public",
    # The group's paginated lists: the group page's visibility (404 for a hidden group).
    "programme:group_meetings": "public",
    "programme:group_memos": "public",
    "programme:group_tasks": "public",
    "programme:group_goals": "public",
    "programme:timeline": "public",
    # iCal feeds: always what anonymous visitors may see, whoever asks.
    "programme:meetings_ical": "public",
    "programme:group_meetings_ical": "public",
    # Chair, secretary or administrator of the group; everyone else gets 404.
    "programme:meeting_create": "authenticated",
    "programme:meeting_update": "authenticated",
    "programme:milestone_create": "authenticated",
    "programme:milestone_update": "authenticated",
    "programme:group_update": "authenticated",
    "programme:membership_create": "authenticated",
    "programme:membership_update": "authenticated",
    "programme:membership_delete": "post-only",
    "programme:memo_create": "authenticated",
    "programme:memo_update": "authenticated",
    "programme:memo_publish": "post-only",
    "programme:memo_unpublish": "post-only",
    # Soft delete: a confirmation page (GET), then POST; restored in the admin.
    "programme:meeting_delete": "authenticated",
    "programme:memo_delete": "authenticated",
    "programme:milestone_delete": "authenticated",
    "programme:group_archive": "post-only",
    "programme:group_delete": "authenticated",
    "programme:task_create": "authenticated",
    "programme:task_update": "authenticated",
    "programme:task_delete": "post-only",
    "programme:goal_create": "authenticated",
    "programme:goal_update": "authenticated",
    "programme:goal_delete": "post-only",
    # Documents: downloads follow the document's and the group's visibility (404 otherwise);
    # uploads and removal belong to the group's chair, secretary and administrators.
    "programme:document_download": "public",
    "programme:document_upload": "authenticated",
    "programme:document_remove": "post-only",
    # Read-only API (kaiku/programme/api), filtered by the same visibility selectors.
    "programme-list": "api",
    "programme-detail": "api",
    "workinggroup-list": "api",
    "workinggroup-detail": "api",
    # A group's collections (/api/v1/working-groups/{id}/<name>/): 404 when the group is hidden.
    "workinggroup-members": "api",
    "workinggroup-meetings": "api",
    "workinggroup-milestones": "api",
    "workinggroup-memos": "api",
    "workinggroup-tasks": "api",
    "workinggroup-goals": "api",
    "meeting-list": "api",
    "meeting-detail": "api",
    # --- kaiku.notifications (own notifications only: kaiku/notifications/tests) ------------
    "notifications:list": "authenticated",
    "notifications:mark_read": "authenticated",  # POST only
    "notifications:mark_all_read": "authenticated",  # POST only
    "notifications:settings": "authenticated",
    "notifications:follow": "authenticated",  # POST only
    "notifications:unfollow": "authenticated",  # POST only
    # The secret token is the proof (one-click unsubscribe from an email); unknown token: 404.
    "notifications:unsubscribe": "public",
    # --- kaiku.news (publication and visibility per item: kaiku/news/tests) ------------------
    "news:list": "public",
    "news:detail": "public",
    # Feeds: always what anonymous visitors may see, whoever asks.
    "news:feed_rss": "public",
    "news:feed_atom": "public",
    "news:keyword_feed_rss": "public",
    "news:keyword_feed_atom": "public",
    "news:group_feed_rss": "public",
    "news:group_feed_atom": "public",
    # Communications role and administrators; others 403 (new) or 404 (existing item).
    "news:create": "authenticated",
    "news:update": "authenticated",
    "news:publish": "post-only",
    "news:unpublish": "post-only",
    "news:archive": "post-only",
    "news:delete": "authenticated",
    # Read-only API (kaiku/news/api), filtered by the same selectors.
    "newsitem-list": "api",
    "newsitem-detail": "api",
    # --- kaiku.moderation (the finer rules: kaiku/moderation/tests) ---------------------------
    "moderation:guidelines": "public",
    # Signed-in people, on content they may see (404 otherwise).
    "moderation:report": "authenticated",
    # Moderators and administrators; other signed-in people get 403.
    "moderation:queue": "staff",
    "moderation:case": "staff",
    "moderation:hide": "post-only",
    "moderation:restore": "post-only",
    "moderation:dismiss": "post-only",
    "moderation:suspend": "staff",
    "moderation:unsuspend": "post-only",
    # POST /api/v1/reports/: authenticated only.
    "report-list": "api-auth",
    # --- kaiku.discussions (visibility per discussion and target: kaiku/discussions/tests) ---
    "discussions:index": "public",
    "discussions:programme": "public",
    "discussions:group": "public",
    "discussions:programme_create": "authenticated",
    "discussions:group_create": "authenticated",
    "discussions:detail": "public",
    "discussions:update": "authenticated",
    "discussions:moderate": "post-only",
    "discussions:comments": "public",
    "discussions:comment_link": "public",
    "discussions:comment_reply": "authenticated",
    "discussions:comment_edit": "authenticated",
    "discussions:comment_delete": "authenticated",
    "discussions:comment_history": "public",
    "discussions:comment_react": "post-only",
    "discussion-list": "api",
    "discussion-detail": "api",
    "comment-list": "api",
    "comment-detail": "api",
    # --- kaiku.questions (the finer rules: kaiku/questions/tests/test_views.py) --------------
    "questions:list": "public",
    "questions:faq": "public",
    "questions:detail": "public",
    # The similar questions of the ask form (htmx partial): public questions for anyone.
    "questions:similar": "public",
    "questions:ask": "authenticated",
    "questions:answer": "authenticated",
    # Moderators and administrators.
    "questions:triage": "staff",
    "questions:vote": "post-only",
    "questions:assign": "post-only",
    "questions:merge": "post-only",
    "questions:close": "post-only",
    "questions:reopen": "post-only",
    "questions:faq_update": "post-only",
    # API (kaiku/questions/api; the finer rules: kaiku/questions/tests/test_api.py): read
    # with the pages' visibility; asking and voting need authentication.
    "question-list": "api",
    "question-detail": "api",
    "question-vote": "api-auth",
    "question-similar": "api-query",  # ?q= is required
    # --- kaiku.surveys (the finer rules: kaiku/surveys/tests/test_views.py) ------------------
    # Answering: signed-in people in a survey's audience (others get a 404).
    "surveys:list": "authenticated",
    "surveys:detail": "authenticated",
    "surveys:answer": "authenticated",
    "surveys:answer_step": "authenticated",
    "surveys:thanks": "authenticated",
    # The builder: change coordinators and administrators (others get a 403).
    "surveys:manage": "staff",
    "surveys:create": "staff",
    "surveys:edit": "staff",
    "surveys:build": "staff",
    "surveys:preview": "staff",
    "surveys:section_create": "staff",
    "surveys:section_edit": "staff",
    "surveys:section_delete": "staff",
    "surveys:question_create": "staff",
    "surveys:question_edit": "staff",
    "surveys:question_delete": "staff",
    "surveys:publish": "post-only",
    "surveys:duplicate": "post-only",
    "surveys:section_move": "post-only",
    "surveys:question_move": "post-only",
    # Results: as the survey's results_visibility says (kaiku/surveys/tests/test_results.py).
    "surveys:results": "public",
    "surveys:results_analyse": "post-only",
    # Importing earlier rounds, exporting answer data: coordinators and administrators
    # (kaiku/surveys/tests/test_importing.py, test_exports.py).
    "surveys:import": "staff",
    "surveys:export_answers_csv": "staff",
    "surveys:export_answers_xlsx": "staff",
    # The aggregated results tables (no open answers): as the survey's results_visibility says,
    # like the results page (kaiku/surveys/tests/test_results_export.py).
    "surveys:export_results_csv": "public",
    "surveys:export_results_xlsx": "public",
    # The published summary of a closed survey's results: readable as the results are;
    # written, published and unpublished by coordinators (kaiku/surveys/tests/test_summary.py).
    "surveys:summary": "public",
    "surveys:summary_edit": "staff",
    "surveys:summary_unpublish": "post-only",
    # API (kaiku/surveys/api): surveys the caller may see; results as results_visibility says.
    "survey-list": "api",
    "survey-results": "api",
    # A question's open answers a page at a time (/api/v1/surveys/{id}/results/{q}/texts/).
    "survey-result-texts": "api",
    # --- kaiku.search (what each role finds: kaiku/search/tests) -----------------------------
    "search:results": "public",
    "search-list": "api",
    # --- API (config/api.py) ----------------------------------------------------------------
    "api-root": "api",
    "api-schema": "api",
    "api-docs": "public",
    "api-explorer": "public",
    # --- allauth and admin ------------------------------------------------------------------
    # Their internal routes are excluded from the walk (see test_url_access_matrix.py), but
    # the entry points people use are checked here too.
    "account_login": "public",
    "account_signup": "public",
    "account_reset_password": "public",
    "account_logout": "public",
    "account_email": "authenticated",
    "account_change_password": "authenticated",
    "mfa_index": "authenticated",
    "admin:index": "admin",
}

# The newer apps keep their routes next to their own tests, in ``kaiku/<app>/tests/access.py``.
for _app in ("teams", "events", "onboarding"):
    ACCESS_MATRIX.update(import_module(f"kaiku.{_app}.tests.access").ACCESS)

LEVELS = {
    "public", "authenticated", "staff", "admin", "api", "api-auth", "api-query", "post-only",
}  # fmt: skip
