"""Who may see and do what in onboarding: checklists, ticking, My people, managing
programmes and enrolling, with forms given bad input and list pages' query counts."""

from __future__ import annotations

import datetime

import pytest
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from kaiku.core.navigation import navigation_for

from ..models import Enrolment, Module, OnboardingProgramme, Responsible, Task, TaskCompletion
from .factories import EnrolmentFactory, ModuleFactory, ProgrammeFactory, TaskFactory

pytestmark = pytest.mark.django_db
EVERYONE = ["anonymous", "staff", "newcomer", "supervisor", "mentor", "coordinator", "admin"]
MANAGERS = {"coordinator", "admin"}


def _client(client, person):
    if person is not None:
        client.force_login(person)
    return client


def _checklist_url(enrolment):
    return reverse("onboarding:enrolment_detail", kwargs={"pk": enrolment.pk})


def _toggle_url(enrolment, task):
    return reverse("onboarding:task_toggle", kwargs={"pk": enrolment.pk, "task": task.pk})


# --- The checklist -------------------------------------------------------------------------------


@pytest.mark.parametrize("who", EVERYONE)
def test_the_checklist_is_for_its_people_and_those_who_manage_onboarding(
    client, people, enrolment, who
):
    response = _client(client, people[who]).get(_checklist_url(enrolment))
    if who == "anonymous":
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    elif who == "staff":
        assert response.status_code == 404
    else:
        assert response.status_code == 200
        assert "Lue henkilöstöopas" in response.content.decode()


def test_someone_elses_checklist_is_a_404_for_the_first_newcomers_people(
    client, people, enrolment, other_enrolment
):
    for who in ("newcomer", "supervisor", "mentor"):
        client.force_login(people[who])
        assert client.get(_checklist_url(other_enrolment)).status_code == 404, who
    client.force_login(people["newcomer"])
    assert (
        client.get(reverse("onboarding:enrolment_detail", kwargs={"pk": 2**40})).status_code == 404
    )


def test_the_checklist_shows_due_dates_overdue_and_progress_as_text(client, people, enrolment):
    client.force_login(people["newcomer"])
    page = client.get(_checklist_url(enrolment)).content.decode()
    assert "0 of 4 tasks done (0 %)" in page
    assert "3 overdue" in page
    assert '<progress max="4" value="0"' in page
    due = (enrolment.start_date + datetime.timedelta(days=7)).isoformat()
    assert f'datetime="{due}"' in page


@pytest.mark.parametrize(
    ("who", "task", "allowed"),
    [
        ("newcomer", "Lue henkilöstöopas", True),
        ("newcomer", "Tunnukset valmiiksi", False),
        ("supervisor", "Tunnukset valmiiksi", True),
        ("supervisor", "Esittäytyminen tiimille", False),
        ("mentor", "Esittäytyminen tiimille", True),
        ("mentor", "Lue henkilöstöopas", False),
        ("coordinator", "Lue henkilöstöopas", True),
        ("admin", "Tunnukset valmiiksi", True),
    ],
)
def test_each_ticks_the_tasks_that_are_theirs(client, people, enrolment, tasks, who, task, allowed):
    client.force_login(people[who])
    response = client.post(_toggle_url(enrolment, tasks[task]), {"done": "1"})
    done = TaskCompletion.objects.filter(enrolment=enrolment, task=tasks[task]).exists()
    if allowed:
        assert response.status_code == 302
        assert response["Location"].endswith(f"#task-{tasks[task].pk}")
        assert done
    else:
        assert response.status_code == 403 and not done


@pytest.mark.parametrize("who", ["anonymous", "staff", "other_newcomer"])
def test_outsiders_cannot_tick(client, people, enrolment, tasks, who):
    response = _client(client, people[who]).post(
        _toggle_url(enrolment, tasks["Lue henkilöstöopas"]), {"done": "1"}
    )
    assert response.status_code == (302 if who == "anonymous" else 404)
    assert not TaskCompletion.objects.exists()


def test_ticking_with_htmx_answers_the_checklist_and_unticking_works(
    client, people, enrolment, tasks
):
    client.force_login(people["newcomer"])
    task = tasks["Lue henkilöstöopas"]
    response = client.post(_toggle_url(enrolment, task), {"done": "1"}, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert response.status_code == 200
    assert body.lstrip().startswith('<div id="checklist"')
    assert "1 of 4 tasks done (25 %)" in body and "Marked done: Lue henkilöstöopas" in body
    assert "Mark not done" in body
    client.post(_toggle_url(enrolment, task), {"done": "0"})
    assert not TaskCompletion.objects.exists()


def test_a_task_of_another_programme_is_a_404_and_get_is_refused(client, people, enrolment):
    client.force_login(people["newcomer"])
    assert client.post(_toggle_url(enrolment, TaskFactory()), {"done": "1"}).status_code == 404
    task = Task.objects.filter(module__programme=enrolment.programme).first()
    assert client.get(_toggle_url(enrolment, task)).status_code == 405


# --- My people, the index, the home panel and the menu ------------------------------------------


def test_my_people_lists_the_supervisors_newcomers_with_progress(
    client, people, enrolment, other_enrolment
):
    client.force_login(people["supervisor"])
    page = client.get(reverse("onboarding:people")).content.decode()
    assert "Noora Tuominen" in page and "Riikka Laine" not in page
    assert "0 of 4 (0 %)" in page and "(1 yours)" in page
    client.force_login(people["staff"])
    page = client.get(reverse("onboarding:people")).content.decode()
    assert "Nobody has named you their supervisor or mentor." in page


def test_list_pages_take_a_fixed_number_of_queries(
    client, people, programme, django_assert_max_num_queries
):
    for i in range(12):
        EnrolmentFactory(
            programme=programme,
            supervisor=people["supervisor"],
            mentor=people["mentor"],
            start_date=timezone.localdate() - datetime.timedelta(days=i),
        )
    extra = ProgrammeFactory()
    for _ in range(3):
        EnrolmentFactory(programme=extra, supervisor=people["supervisor"])
        TaskFactory(module=ModuleFactory(programme=extra))
    client.force_login(people["supervisor"])
    with django_assert_max_num_queries(14):
        assert client.get(reverse("onboarding:people")).status_code == 200
    with django_assert_max_num_queries(14):
        assert client.get(reverse("onboarding:index")).status_code == 200
    client.force_login(people["coordinator"])
    with django_assert_max_num_queries(14):
        assert client.get(reverse("onboarding:manage")).status_code == 200
    with django_assert_max_num_queries(16):
        assert client.get(programme.get_absolute_url()).status_code == 200


def test_the_home_panel_shows_own_progress_and_people(client, people, enrolment):
    from kaiku.onboarding.home import onboarding_panel

    request = RequestFactory().get("/")
    request.user = people["newcomer"]
    assert onboarding_panel(request).context["own"][0].enrolment == enrolment
    request.user = people["mentor"]
    data = onboarding_panel(request).context
    assert data["people_count"] == 1 and data["people_overdue"] == 1
    request.user = people["staff"]
    assert onboarding_panel(request) is None
    client.force_login(people["newcomer"])
    page = client.get(reverse("site:home")).content.decode()
    assert "0 of 4 tasks done (0 %)" in page


def test_the_menu_entry_is_for_those_onboarding_has_something_for(people, enrolment):
    from django.contrib.auth.models import AnonymousUser

    def has_entry(user):
        request = RequestFactory().get("/en/")
        request.user = user
        return any(i["url"].endswith("/onboarding/") for i in navigation_for(request))

    for who in ("newcomer", "supervisor", "mentor", "coordinator", "admin"):
        assert has_entry(people[who]), who
    assert not has_entry(people["staff"])
    assert not has_entry(AnonymousUser())


# --- Managing programmes ------------------------------------------------------------------------


@pytest.mark.parametrize("who", EVERYONE)
def test_programmes_are_managed_by_coordinators_and_administrators(client, people, programme, who):
    client = _client(client, people[who])
    manage = client.get(reverse("onboarding:manage"))
    detail = client.get(programme.get_absolute_url())
    enrol = client.get(reverse("onboarding:enrol", kwargs={"pk": programme.pk}))
    if who == "anonymous":
        assert manage.status_code == 302 and detail.status_code == 302
    elif who in MANAGERS:
        assert (manage.status_code, detail.status_code, enrol.status_code) == (200, 200, 200)
    else:
        assert manage.status_code == 403
        assert detail.status_code == 404 and enrol.status_code == 404


def test_a_coordinator_builds_a_programme_with_a_module_and_a_task(client, people):
    client.force_login(people["coordinator"])
    response = client.post(
        reverse("onboarding:programme_create"),
        {"title": "Perehdytys", "title_sv": "Introduktion", "published": "on"},
    )
    programme = OnboardingProgramme.objects.get(title_fi="Perehdytys")
    assert response.status_code == 302 and programme.owner == people["coordinator"]
    assert programme.title_sv == "Introduktion" and programme.published
    client.post(
        reverse("onboarding:module_create", kwargs={"pk": programme.pk}),
        {"title": "Ensimmäinen viikko", "order": "1"},
    )
    module = Module.objects.get(programme=programme)
    response = client.post(
        reverse("onboarding:task_create", kwargs={"pk": programme.pk, "module": module.pk}),
        {
            "module": module.pk,
            "title": "Tervetulokeskustelu",
            "due_offset_days": "0",
            "responsible": Responsible.SUPERVISOR,
            "order": "1",
        },
    )
    assert response.status_code == 302
    task = Task.objects.get(module=module)
    assert task.responsible == Responsible.SUPERVISOR
    response = client.post(
        reverse("onboarding:task_edit", kwargs={"pk": programme.pk, "task": task.pk}),
        {
            "module": module.pk,
            "title": "Tervetulokeskustelu esihenkilön kanssa",
            "due_offset_days": "1",
            "responsible": Responsible.SUPERVISOR,
            "order": "1",
        },
    )
    task.refresh_from_db()
    assert task.title_fi == "Tervetulokeskustelu esihenkilön kanssa" and task.due_offset_days == 1


def test_task_form_bad_input_changes_nothing_and_says_why(client, people, programme, tasks):
    client.force_login(people["coordinator"])
    task = tasks["Lue henkilöstöopas"]
    other_module = ModuleFactory()
    response = client.post(
        reverse("onboarding:task_edit", kwargs={"pk": programme.pk, "task": task.pk}),
        {
            "module": other_module.pk,
            "title": "",
            "due_offset_days": "999",
            "responsible": "boss",
            "order": "1",
        },
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "This field is required." in page
    assert "Ensure this value is less than or equal to 365." in page
    assert "Select a valid choice." in page
    task.refresh_from_db()
    assert task.title_fi == "Lue henkilöstöopas" and task.due_offset_days == 0


def test_someone_elses_module_or_task_is_a_404_in_the_programmes_forms(client, people, programme):
    client.force_login(people["coordinator"])
    stranger = TaskFactory()
    assert (
        client.get(
            reverse("onboarding:task_edit", kwargs={"pk": programme.pk, "task": stranger.pk})
        ).status_code
        == 404
    )
    assert (
        client.get(
            reverse(
                "onboarding:module_edit", kwargs={"pk": programme.pk, "module": stranger.module_id}
            )
        ).status_code
        == 404
    )


# --- Enrolling ----------------------------------------------------------------------------------


def _enrol(client, programme, **data):
    return client.post(reverse("onboarding:enrol", kwargs={"pk": programme.pk}), data)


def test_a_coordinator_enrols_a_newcomer_by_choosing_people(
    client, people, programme, django_capture_on_commit_callbacks
):
    client.force_login(people["coordinator"])
    page = client.get(reverse("onboarding:enrol", kwargs={"pk": programme.pk})).content.decode()
    assert f'<option value="{people["newcomer"].pk}">Noora Tuominen (' in page
    with django_capture_on_commit_callbacks(execute=True):
        response = _enrol(
            client,
            programme,
            newcomer=people["newcomer"].pk,
            start_date="2026-12-07",
            supervisor=people["supervisor"].pk,
            mentor=people["mentor"].pk,
        )
    assert response.status_code == 302
    enrolment = Enrolment.objects.get()
    assert (enrolment.supervisor, enrolment.mentor) == (people["supervisor"], people["mentor"])
    assert enrolment.start_date == datetime.date(2026, 12, 7)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"newcomer": "", "start_date": "2026-12-07"}, "This field is required."),
        ({"newcomer": "999999", "start_date": "2026-12-07"}, "Select a valid choice."),
        (
            {"newcomer": "99999999999999999999", "start_date": "2026-12-07"},
            "Select a valid choice.",
        ),
        ({"newcomer": "N", "start_date": "7.12."}, "Enter a valid date."),
        (
            {"newcomer": "N", "start_date": "2026-12-07", "mentor": "N"},
            "cannot be their own mentor",
        ),
        ({"newcomer": "E", "start_date": "2026-12-07"}, "already enrolled in this programme"),
    ],
)
def test_enrolment_form_bad_input_changes_nothing_and_says_why(
    client, people, programme, enrolment, data, message
):
    # "N" is a new person, "E" the already enrolled newcomer.
    keys = {"N": str(people["other_newcomer"].pk), "E": str(people["newcomer"].pk)}
    data = {k: keys.get(v, v) for k, v in data.items()}
    client.force_login(people["coordinator"])
    response = _enrol(client, programme, **data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert Enrolment.objects.count() == 1


def test_a_draft_programme_takes_no_enrolments(client, people):
    draft = ProgrammeFactory(published=False)
    client.force_login(people["coordinator"])
    response = _enrol(client, draft, newcomer=people["newcomer"].pk, start_date="2026-12-07")
    assert response.status_code == 302 and not Enrolment.objects.exists()


@pytest.mark.parametrize("who", ["newcomer", "supervisor", "mentor", "staff"])
def test_only_those_who_manage_edit_an_enrolment(client, people, enrolment, who):
    client.force_login(people[who])
    url = reverse("onboarding:enrolment_edit", kwargs={"pk": enrolment.pk})
    assert client.get(url).status_code == 403
    assert client.post(url, {"start_date": "2027-01-01"}).status_code == 403
    enrolment.refresh_from_db()
    assert enrolment.start_date != datetime.date(2027, 1, 1)


def test_a_coordinator_changes_the_mentor(client, people, enrolment):
    client.force_login(people["coordinator"])
    url = reverse("onboarding:enrolment_edit", kwargs={"pk": enrolment.pk})
    response = client.post(
        url,
        {
            "start_date": enrolment.start_date.isoformat(),
            "supervisor": people["supervisor"].pk,
            "mentor": people["other_newcomer"].pk,
        },
    )
    assert response.status_code == 302
    enrolment.refresh_from_db()
    assert enrolment.mentor == people["other_newcomer"]
    response = client.post(
        url, {"start_date": enrolment.start_date.isoformat(), "mentor": enrolment.newcomer_id}
    )
    assert response.status_code == 400
    enrolment.refresh_from_db()
    assert enrolment.mentor == people["other_newcomer"]


def test_a_programme_of_an_organisation_lists_its_people_and_its_units(client, people):
    from kaiku.organisations.tests.factories import OrganisationFactory

    office = OrganisationFactory(name="Hämeen TE-toimisto")
    unit = OrganisationFactory(name="Lahden toimipiste", parent=office)
    programme = ProgrammeFactory(organisation=office)
    for who, organisation in (("newcomer", office), ("mentor", unit)):
        people[who].organisation = organisation
        people[who].save()
    client.force_login(people["coordinator"])
    page = client.get(reverse("onboarding:enrol", kwargs={"pk": programme.pk})).content.decode()
    assert "Noora Tuominen" in page and "Tiina Tiimiläinen" in page
    assert "Riikka Laine" not in page
    response = _enrol(
        client, programme, newcomer=people["other_newcomer"].pk, start_date="2026-12-07"
    )
    assert response.status_code == 400 and not Enrolment.objects.exists()


def test_the_front_page_asks_onboarding_only_for_those_named_and_the_menu_nothing(
    client, people, enrolment
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def onboarding_queries(url):
        """The onboarding queries besides the signed-in person's (read with whether an
        enrolment names them)."""
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        person = [q for q in queries if '"kaiku_roles_mask"' in q["sql"]]
        assert len(person) == 1 and "onboarding_enrolment" in person[0]["sql"]
        return [q for q in queries if "onboarding_" in q["sql"] and q not in person]

    client.force_login(people["staff"])
    client.get(reverse("site:home"))
    # No enrolment names them: neither the panel nor the menu asks anything more.
    assert len(onboarding_queries(reverse("site:home"))) == 0
    assert len(onboarding_queries(reverse("questions:list"))) == 0
    client.force_login(people["newcomer"])
    client.get(reverse("site:home"))
    # The panel: the enrolments, the modules, their tasks and the completions.
    assert len(onboarding_queries(reverse("site:home"))) == 4


@pytest.mark.parametrize("who", ["newcomer", "supervisor", "mentor", "staff", "coordinator"])
def test_only_those_who_manage_remove_an_enrolment_and_it_is_audited(
    client, people, enrolment, who
):
    from kaiku.core.models import AuditEvent

    client.force_login(people[who])
    url = reverse("onboarding:enrolment_delete", kwargs={"pk": enrolment.pk})
    if who != "coordinator":
        assert client.get(url).status_code == 403
        assert client.post(url).status_code == 403
        assert Enrolment.objects.filter(pk=enrolment.pk).exists()
        return
    assert "checklist and the tasks marked done are removed" in client.get(url).content.decode()
    response = client.post(url)
    assert response.status_code == 302 and response["Location"].endswith(
        enrolment.programme.get_absolute_url()
    )
    assert not Enrolment.objects.exists()
    assert AuditEvent.objects.filter(action="onboarding_enrolment_deleted").count() == 1
