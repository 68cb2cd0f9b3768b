"""Themes of open-text answers, found automatically (Finnish first; no Django).

    from kaiku.core.themes import find_themes

    analysis = find_themes(texts)          # texts: the answers to one open question
    for theme in analysis.themes:          # largest first
        theme.label, theme.keywords, theme.size, theme.members, theme.representatives
    analysis.unassigned                    # indices of the answers that fit no theme

Surveys, strategy and events use it the same way. The method and its limits: docs/themes.md.
"""

from kaiku.core.themes.analysis import Theme, ThemeAnalysis, find_themes, stop_words

__all__ = ["Theme", "ThemeAnalysis", "find_themes", "stop_words"]
