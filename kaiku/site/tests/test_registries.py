from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command

from kaiku.core import bench, demo


def test_every_app_registers_its_demo_content_in_dependency_order():
    demo.autodiscover()
    names = [loader.name for loader in demo.loaders()]
    assert names == [
        "kaiku.organisations.demo.load_demo_organisations",
        "kaiku.accounts.demo.load_demo_people",
        "kaiku.programme.demo.load_demo_programme",
        "kaiku.news.demo.load_demo_news",
        "kaiku.discussions.demo.load_demo_discussions",
        "kaiku.questions.demo.load_demo_questions",
        "kaiku.moderation.demo.load_demo_moderation",
        "kaiku.surveys.demo.load_demo_surveys",
        # The news item that links the first round's published results summary.
        "kaiku.site.demo.load_demo_survey_news",
        "kaiku.teams.demo.load_demo_teams",
        # Events may belong to a team; the coaching programmes group the events.
        "kaiku.events.demo.load_demo_events",
        "kaiku.events.coaching_demo.load_demo_coaching",
        # The feedback survey of the latest info session (surveys' chosen-people audience).
        "kaiku.events.feedback_demo.load_demo_feedback",
        "kaiku.onboarding.demo.load_demo_onboarding",
        # Last: the search index of everything loaded before it.
        "kaiku.search.demo.load_demo_search_index",
    ]


@pytest.mark.django_db
def test_load_demo_runs_the_registered_loaders_in_order(monkeypatch):
    ran = []
    monkeypatch.setattr(demo, "_loaders", {})
    monkeypatch.setattr(demo, "autodiscover", lambda: None)
    demo.register(20, lambda: ran.append("second"), name="second")
    demo.register(10, lambda: ran.append("first"), name="first")
    call_command("load_demo", allow_production=True, verbosity=0)
    assert ran == ["first", "second"]


@pytest.mark.django_db
def test_load_demo_refuses_without_debug(monkeypatch, settings):
    settings.DEBUG = False
    ran = []
    monkeypatch.setattr(demo, "_loaders", {})
    demo.register(10, lambda: ran.append("loaded"), name="loaded")
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("load_demo", verbosity=0)
    assert ran == []


def test_every_app_registers_its_bench_steps_in_dependency_order():
    bench.autodiscover()
    assert [step.name for step in bench.steps()] == [
        "reference_data",
        "organisations",
        "people",
        "programme",
        "news",
        "questions",
        "comments",
        "surveys",
        "events",
        # Last: the search index of everything generated before it.
        "search",
    ]
    assert all(step.reset for step in bench.steps() if step.order >= 30)
