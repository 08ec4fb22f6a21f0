from django.urls import path

from . import views

app_name = "forums"

urlpatterns = [
    path("", views.index, name="index"),
    path("c/<slug:slug>/", views.category_detail, name="category"),
    path("c/<slug:slug>/new/", views.topic_create, name="topic_create"),
    path("c/<slug:slug>/follow/", views.category_follow, name="category_follow"),
    path("c/<slug:slug>/slow-mode/", views.category_slow_mode, name="category_slow_mode"),
    path("t/<id:pk>/", views.topic_detail, name="topic"),
    path("t/<id:pk>/unread/", views.topic_unread, name="topic_unread"),
    path("t/<id:pk>/reply/", views.reply, name="reply"),
    path("t/<id:pk>/follow/", views.topic_follow, name="topic_follow"),
    path("t/<id:pk>/moderate/", views.topic_moderate, name="topic_moderate"),
    path("p/<id:pk>/", views.post_link, name="post"),
    path("p/<id:pk>/edit/", views.post_edit, name="post_edit"),
    path("p/<id:pk>/delete/", views.post_delete, name="post_delete"),
    path("p/<id:pk>/history/", views.post_history, name="post_history"),
    path("p/<id:pk>/react/", views.post_react, name="post_react"),
    path("p/<id:pk>/report/", views.post_report, name="post_report"),
    path("p/<id:pk>/solution/", views.post_solution, name="post_solution"),
    path("p/<id:pk>/moderate/", views.post_moderate, name="post_moderate"),
    path("drafts/", views.draft_save, name="draft_save"),
    path("moderation/", views.moderation_queue, name="moderation_queue"),
    path("moderation/log/", views.moderation_log, name="moderation_log"),
    path("moderation/reports/<id:pk>/resolve/", views.report_resolve, name="report_resolve"),
    path("moderation/members/<id:user_id>/suspend/", views.member_suspend, name="member_suspend"),
]
