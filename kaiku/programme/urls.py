from django.urls import path

from . import editing, views

app_name = "programme"

group = "<slug:programme_slug>/groups/<slug:slug>/"

urlpatterns = [
    path("", views.programme_list, name="list"),
    path("<slug:slug>/", views.programme_detail, name="detail"),
    path("<slug:slug>/timeline/", views.programme_timeline, name="timeline"),
    path("<slug:slug>/meetings.ics", views.programme_meetings_ical, name="meetings_ical"),
    path(group, views.group_detail, name="group_detail"),
    path(f"{group}meetings.ics", views.group_meetings_ical, name="group_meetings_ical"),
    *[
        path(f"{group}{kind}/", views.group_list_page, {"kind": kind}, name=f"group_{kind}")
        for kind in views.GROUP_LISTS
    ],
    path(f"{group}edit/", views.group_update, name="group_update"),
    path(f"{group}members/new/", views.membership_create, name="membership_create"),
    path(f"{group}members/<int:pk>/edit/", views.membership_update, name="membership_update"),
    path(f"{group}members/<int:pk>/delete/", views.membership_delete, name="membership_delete"),
    path(f"{group}memos/<int:pk>/publish/", views.memo_publish, name="memo_publish"),
    path(f"{group}memos/<int:pk>/unpublish/", editing.memo_unpublish, name="memo_unpublish"),
    path(f"{group}archive/", editing.group_archive, name="group_archive"),
    path(f"{group}delete/", editing.group_delete, name="group_delete"),
    path(f"{group}documents/new/", views.document_upload, name="document_upload"),
    path(f"{group}documents/<int:pk>/", views.document_download, name="document_download"),
    path(f"{group}documents/<int:pk>/remove/", views.document_remove, name="document_remove"),
]

# Meetings, milestones, memos, tasks and goals share one create and one update view
# (views.GROUP_ITEMS); tasks and goals can also be removed, meetings, memos and milestones
# deleted softly (editing.py).
for kind, spec in views.GROUP_ITEMS.items():
    urlpatterns += [
        path(f"{group}{kind}s/new/", views.item_create, {"kind": kind}, name=f"{kind}_create"),
        path(
            f"{group}{kind}s/<int:pk>/edit/",
            views.item_update,
            {"kind": kind},
            name=f"{kind}_update",
        ),
    ]
    if kind in editing.SOFT_DELETE_KINDS:
        # Meetings, memos and milestones: a confirmation page, then a soft delete.
        urlpatterns.append(
            path(
                f"{group}{kind}s/<int:pk>/delete/",
                editing.item_delete,
                {"kind": kind},
                name=f"{kind}_delete",
            )
        )
    elif spec.delete is not None:
        urlpatterns.append(
            path(
                f"{group}{kind}s/<int:pk>/delete/",
                views.item_delete,
                {"kind": kind},
                name=f"{kind}_delete",
            )
        )
