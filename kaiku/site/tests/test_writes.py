import pytest
from django.core.exceptions import ValidationError

from kaiku.core.writes import model_update
from kaiku.site.models import AccessibilityFeedback

pytestmark = pytest.mark.django_db


def _feedback():
    return AccessibilityFeedback.objects.create(message="Kontrasti on heikko.")


def test_model_update_saves_only_the_given_fields():
    row = _feedback()
    AccessibilityFeedback.objects.filter(pk=row.pk).update(name="Toinen")
    model_update(row, data={"handled": True}, allowed={"handled"})
    row.refresh_from_db()
    assert row.handled is True
    assert row.name == "Toinen"  # untouched columns are not overwritten


def test_model_update_refuses_unknown_fields():
    with pytest.raises(TypeError):
        model_update(_feedback(), data={"message": "x"}, allowed={"handled"})


def test_model_update_validates_and_saves_nothing_when_invalid():
    row = _feedback()
    with pytest.raises(ValidationError):
        model_update(row, data={"email": "not an address"})
    row.refresh_from_db()
    assert row.email == ""
