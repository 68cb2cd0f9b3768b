from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from .. import services

pytestmark = pytest.mark.django_db
URL = "/api/v1/onboarding/"


def test_anonymous_callers_get_401():
    response = APIClient().get(URL)
    assert response.status_code == 401


def test_the_newcomer_reads_their_checklist_with_progress(people, enrolment, tasks):
    services.task_mark_done(
        enrolment=enrolment, task=tasks["Lue henkilöstöopas"], actor=people["newcomer"]
    )
    client = APIClient()
    client.force_authenticate(people["newcomer"])
    data = client.get(URL).json()
    assert data["count"] == 1
    (item,) = data["results"]
    assert item["role"] == "newcomer"
    assert item["programme"]["title"] == "TE24 perehdytysohjelma"
    assert item["mentor"]["name"] == "Tiina Tiimiläinen"
    assert item["progress"] == {"total": 4, "done": 1, "percent": 25, "overdue": 2}
    first = item["modules"][0]
    assert first["title"] == "Ensimmäinen viikko"
    read = next(t for t in first["tasks"] if t["title"] == "Lue henkilöstöopas")
    assert read["done"] and read["done_at"] and not read["overdue"]
    assert read["due_date"] == enrolment.start_date.isoformat()
    assert item["web_url"].endswith(f"/onboarding/enrolments/{enrolment.pk}/")
    assert client.get(f"{URL}{enrolment.pk}/").json()["id"] == enrolment.pk


def test_only_enrolments_naming_the_caller_are_listed(people, enrolment, other_enrolment):
    client = APIClient()
    client.force_authenticate(people["mentor"])
    data = client.get(URL).json()
    assert [e["id"] for e in data["results"]] == [enrolment.pk]
    assert data["results"][0]["role"] == "mentor"
    assert client.get(f"{URL}{other_enrolment.pk}/").status_code == 404
    assert client.get(f"{URL}99999999999999999999/").status_code == 404
    client.force_authenticate(people["staff"])
    assert client.get(URL).json()["count"] == 0
    assert client.get(f"{URL}{enrolment.pk}/").status_code == 404


def test_the_api_is_read_only(people, enrolment):
    client = APIClient()
    client.force_authenticate(people["newcomer"])
    assert client.post(URL, {}, format="json").status_code == 405
    assert client.delete(f"{URL}{enrolment.pk}/").status_code == 405


def test_the_list_takes_a_fixed_number_of_queries(people, programme, django_assert_max_num_queries):
    from .factories import EnrolmentFactory

    for _ in range(8):
        EnrolmentFactory(programme=programme, mentor=people["mentor"])
    client = APIClient()
    client.force_authenticate(people["mentor"])
    with django_assert_max_num_queries(10):
        assert len(client.get(URL).json()["results"]) == 8
