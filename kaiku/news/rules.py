"""Who may do what with news (django-rules).

Reading is governed by publication and visibility (selectors.py). Writing, scheduling and
publishing belong to the communications role and to administrators; nobody else.
"""

from __future__ import annotations

import rules

from kaiku.core.predicates import is_administrator, is_communications

can_manage_news = is_administrator | is_communications

rules.add_perm("news.add_newsitem", can_manage_news)
rules.add_perm("news.change_newsitem", can_manage_news)
