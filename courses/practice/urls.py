from django.urls import path

from . import views

app_name = "practice"

urlpatterns = [
    path("", views.home, name="home"),
    path("inbox/", views.inbox, name="inbox"),
    path("log/", views.log, name="log"),
    path("log/<id:school_id>/<id:user_id>/", views.pupil_log, name="pupil_log"),
    path("assignments/new/", views.assignment_new, name="assignment_new"),
    path("assignments/<id:pk>/", views.assignment, name="assignment"),
    path("assignments/<id:pk>/takes/", views.take_upload, name="take_upload"),
    path("takes/<id:pk>/", views.take, name="take"),
    path("takes/<id:pk>/compare/<id:other>/", views.compare, name="compare"),
    path("takes/<id:pk>/hand-in/", views.take_hand_in, name="take_hand_in"),
    path("takes/<id:pk>/comments/", views.take_comment, name="take_comment"),
    path("takes/<id:pk>/review/", views.take_review, name="take_review"),
    path("schools/<id:school_id>/retention/", views.retention, name="retention"),
]
