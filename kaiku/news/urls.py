from django.urls import path

from . import feeds, views

app_name = "news"

group = "groups/<slug:programme_slug>/<slug:slug>/"

urlpatterns = [
    path("", views.news_list, name="list"),
    path("new/", views.news_create, name="create"),
    path("feed/rss/", feeds.NewsFeed(), name="feed_rss"),
    path("feed/atom/", feeds.NewsAtomFeed(), name="feed_atom"),
    path("keywords/<slug:slug>/feed/rss/", feeds.KeywordNewsFeed(), name="keyword_feed_rss"),
    path("keywords/<slug:slug>/feed/atom/", feeds.KeywordNewsAtomFeed(), name="keyword_feed_atom"),
    path(f"{group}feed/rss/", feeds.GroupNewsFeed(), name="group_feed_rss"),
    path(f"{group}feed/atom/", feeds.GroupNewsAtomFeed(), name="group_feed_atom"),
    path("<slug:slug>/", views.news_detail, name="detail"),
    path("<slug:slug>/edit/", views.news_update, name="update"),
    path("<slug:slug>/publish/", views.news_publish, name="publish"),
    path("<slug:slug>/unpublish/", views.news_unpublish, name="unpublish"),
    path("<slug:slug>/archive/", views.news_archive, name="archive"),
    path("<slug:slug>/delete/", views.news_delete, name="delete"),
]
