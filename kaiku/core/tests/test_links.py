"""``reverse_cached`` gives exactly what ``reverse`` gives, in every language."""

import pytest
from django.urls import reverse
from django.utils import translation

from kaiku.core.links import reverse_cached

CASES = [
    ("organisations:detail", {"slug": "helsinki"}),
    ("news:detail", {"slug": "uusi-te-palvelu-2024"}),
    ("questions:detail", {"pk": 12345}),
    ("programme:group_detail", {"programme_slug": "te-palvelut-2024", "slug": "ohjausryhma"}),
    ("programme:group_detail", {"slug": "a", "programme_slug": "b"}),
    # The API caps ids at nine digits ([0-9]{1,9}): the short placeholder fits.
    ("workinggroup-detail", {"pk": 123456789}),
    ("workinggroup-meetings", {"pk": 7}),
]


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
@pytest.mark.parametrize(("viewname", "kwargs"), CASES)
def test_same_as_reverse(language, viewname, kwargs):
    with translation.override(language):
        assert reverse_cached(viewname, **kwargs) == reverse(viewname, kwargs=kwargs)
        # The second call comes from the template.
        assert reverse_cached(viewname, **kwargs) == reverse(viewname, kwargs=kwargs)


def test_unicode_slug_is_quoted_as_reverse_quotes_it():
    with translation.override("fi"):
        expected = reverse("organisations:detail", kwargs={"slug": "x"}).replace("x", "%C3%A4")
        assert reverse_cached("organisations:detail", slug="ä") == expected


def test_language_prefix_follows_the_active_language():
    with translation.override("sv"):
        swedish = reverse_cached("organisations:detail", slug="espoo")
    with translation.override("en"):
        english = reverse_cached("organisations:detail", slug="espoo")
    assert swedish.startswith("/sv/")
    assert english.startswith("/en/")


def test_a_request_with_its_own_urlconf_gets_its_own_template():
    from django.urls import set_urlconf

    with translation.override("fi"):
        site = reverse_cached("organisations:detail", slug="espoo")
        set_urlconf("bench.urls")
        try:
            # Another URLconf: reversed afresh (here the same patterns, the same address).
            assert reverse_cached("organisations:detail", slug="espoo") == site
        finally:
            set_urlconf(None)
    from kaiku.core import links

    assert any(key[-1] == "bench.urls" for key in links._templates)


def test_a_pattern_no_placeholder_fits_says_so(monkeypatch):
    from django.urls import NoReverseMatch

    from kaiku.core import links

    monkeypatch.setattr(links, "_PLACEHOLDERS", links._PLACEHOLDERS[:1])
    links._templates.clear()
    with pytest.raises(NoReverseMatch):
        reverse_cached("workinggroup-detail", pk=1)
    links._templates.clear()
