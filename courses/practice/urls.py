from django.urls import path

from . import views

app_name = "practice"

urlpatterns = [
    path("", views.home, name="home"),
    path("inbox/", views.inbox, name="inbox"),
    path("log/", views.log, name="log"),
    path("log/<int:school_id>/<int:user_id>/", views.pupil_log, name="pupil_log"),
    path("assignments/new/", views.assignment_new, name="assignment_new"),
    path("assignments/<int:pk>/", views.assignment, name="assignment"),
    path("assignments/<int:pk>/takes/", views.take_upload, name="take_upload"),
    path("takes/<int:pk>/", views.take, name="take"),
    path("takes/<int:pk>/compare/<int:other>/", views.compare, name="compare"),
    path("takes/<int:pk>/hand-in/", views.take_hand_in, name="take_hand_in"),
    path("takes/<int:pk>/comments/", views.take_comment, name="take_comment"),
    path("takes/<int:pk>/review/", views.take_review, name="take_review"),
    path("schools/<int:school_id>/retention/", views.retention, name="retention"),
]
