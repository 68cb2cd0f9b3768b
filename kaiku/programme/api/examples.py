"""Response examples for the programme API's schema (one item: drf-spectacular wraps list
examples in a page of results itself)."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiExample

SITE = "https://kaiku.fi"
API = f"{SITE}/api/v1"
GROUP_PAGE = f"{SITE}/fi/programmes/te24/groups/muutosvalmennus/"

_programme = {
    "id": 1,
    "slug": "te24",
    "name": "TE24-uudistus",
    "name_fi": "TE24-uudistus",
    "name_sv": "TE24-reformen",
    "name_en": "TE24 reform",
    "summary": "TE-palvelut siirtyvät kuntien järjestettäviksi 1.1.2025.",
    "description": "Uudistuksen **tavoitteena** on ...",
    "starts_on": "2023-01-01",
    "ends_on": "2025-12-31",
    "url": f"{API}/programmes/te24/",
    "web_url": f"{SITE}/fi/programmes/te24/",
}
_member = {
    "name": "Selina Sihteeri",
    "role": "secretary",
    "role_display": "Sihteeri",
    "represents": {"slug": "tem", "name": "Työ- ja elinkeinoministeriö"},
    "term_start": "2024-01-01",
    "term_end": None,
}
_meeting = {
    "id": 31,
    "group": 12,
    "title": "Ohjausryhmän kokous 3/2025",
    "starts_at": "2025-03-12T13:00:00+02:00",
    "ends_at": "2025-03-12T15:00:00+02:00",
    "location": "Eteläesplanadi 4, Helsinki",
    "online_url": "",
    "agenda": "1. Kokouksen avaus\n2. Edellisen kokouksen muistio",
    "status": "planned",
    "visibility": "public",
    "web_url": f"{GROUP_PAGE}#meeting-31",
}
_milestone = {
    "id": 7,
    "title": "Järjestämissuunnitelma valmis",
    "due_on": "2025-06-30",
    "status": "in_progress",
    "is_overdue": False,
    "visibility": "public",
}
_memo = {
    "id": 18,
    "meeting": 30,
    "title": "Muistio 2/2025",
    "body": "Läsnä: ...",
    "decisions": "- Hyväksyttiin työsuunnitelma.",
    "published_at": "2025-02-20T09:00:00+02:00",
    "visibility": "public",
}
_task = {"id": 3, "title": "Linjata muutosvalmennuksen sisältö", "description": "", "order": 1}
_goal = {"id": 4, "title": "Yhteinen käsitys palvelumallista", "description": "", "order": 1}
_group = {
    "id": 12,
    "programme": "te24",
    "parent": None,
    "slug": "muutosvalmennus",
    "name": "Muutosvalmennuksen ohjausryhmä",
    "visibility": "public",
    "counts": {"members": 14, "meetings": 9, "milestones": 4, "memos": 8, "tasks": 3, "goals": 2},
    "url": f"{API}/working-groups/12/",
    "web_url": GROUP_PAGE,
    "links": {
        name: f"{API}/working-groups/12/{name}/"
        for name in ("members", "meetings", "milestones", "memos", "tasks", "goals")
    },
}


def _example(name: str, value: dict) -> OpenApiExample:
    return OpenApiExample(name, value=value, response_only=True)


programme_list = _example("A programme", _programme)
programme = _example("A programme", _programme)
group_list = _example("A working group (without expand)", _group)
group = _example(
    "A working group",
    {
        **{k: v for k, v in _group.items() if k not in {"counts", "url", "web_url", "links"}},
        "name_fi": "Muutosvalmennuksen ohjausryhmä",
        "name_sv": "",
        "name_en": "",
        "mandate": "Ohjausryhmä ohjaa muutosvalmennusta ...",
        "members": [_member],
        "meetings": [_meeting],
        "milestones": [_milestone],
        "memos": [_memo],
        "tasks": [_task],
        "goals": [_goal],
        **{k: _group[k] for k in ("counts", "url", "web_url", "links")},
    },
)
members = _example("A member", _member)
meetings = _example("A meeting", _meeting)
meeting = _example("A meeting", _meeting)
milestones = _example("A milestone", _milestone)
memos = _example("A published memo", _memo)
tasks = _example("A task", _task)
goals = _example("A goal", _goal)
