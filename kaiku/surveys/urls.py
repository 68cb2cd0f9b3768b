from __future__ import annotations

from django.urls import path

from . import export_views, import_views, results_views, summary_views, views

app_name = "surveys"

urlpatterns = [
    path("", views.survey_list, name="list"),
    path("<int:pk>/", views.survey_detail, name="detail"),
    path("<int:pk>/answer/", views.survey_answer, name="answer"),
    path("<int:pk>/answer/<int:step>/", views.survey_answer, name="answer_step"),
    path("<int:pk>/thanks/", views.survey_thanks, name="thanks"),
    # The builder (change coordinators and administrators).
    path("manage/", views.survey_manage, name="manage"),
    path("manage/new/", views.survey_create, name="create"),
    path("<int:pk>/edit/", views.survey_edit, name="edit"),
    path("<int:pk>/build/", views.survey_build, name="build"),
    path("<int:pk>/preview/", views.survey_preview, name="preview"),
    path("<int:pk>/publish/", views.survey_publish, name="publish"),
    path("<int:pk>/duplicate/", views.survey_duplicate, name="duplicate"),
    path("<int:pk>/sections/new/", views.section_form, name="section_create"),
    path("<int:pk>/sections/<int:section>/edit/", views.section_form, name="section_edit"),
    path("<int:pk>/sections/<int:section>/delete/", views.section_delete, name="section_delete"),
    path("<int:pk>/sections/<int:section>/move/", views.section_move, name="section_move"),
    path(
        "<int:pk>/sections/<int:section>/questions/new/",
        views.question_form,
        name="question_create",
    ),
    path("<int:pk>/questions/<int:question>/edit/", views.question_form, name="question_edit"),
    path(
        "<int:pk>/questions/<int:question>/delete/", views.question_delete, name="question_delete"
    ),
    path("<int:pk>/questions/<int:question>/move/", views.question_move, name="question_move"),
    # Results (results_views.py).
    path("<int:pk>/results/", results_views.survey_results, name="results"),
    path("<int:pk>/results/analyse/", results_views.survey_analyse, name="results_analyse"),
    # The published summary of the results (summary_views.py).
    path("<int:pk>/summary/", summary_views.summary_page, name="summary"),
    path("<int:pk>/summary/edit/", summary_views.summary_edit, name="summary_edit"),
    path("<int:pk>/summary/unpublish/", summary_views.summary_unpublish, name="summary_unpublish"),
    # Importing earlier rounds and exporting answer data (import_views.py, export_views.py).
    path("import/", import_views.survey_import, name="import"),
    path("<int:pk>/export/answers.csv", export_views.answers_csv, name="export_answers_csv"),
    path("<int:pk>/export/answers.xlsx", export_views.answers_xlsx, name="export_answers_xlsx"),
    # The aggregated results, for whoever may see them (export_views.py, results_export.py).
    path("<int:pk>/export/results.csv", export_views.results_csv, name="export_results_csv"),
    path("<int:pk>/export/results.xlsx", export_views.results_xlsx, name="export_results_xlsx"),
]
