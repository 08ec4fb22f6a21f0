from django.urls import path

from . import views

app_name = "gatherings"

urlpatterns = [
    path("gatherings/calendar.ics", views.feed_ics, name="feed"),
    path("gatherings/<id:pk>/calendar.ics", views.gathering_ics, name="ics"),
    path("gatherings/<id:pk>/register/", views.register, name="register"),
    path("gatherings/<id:pk>/cancel/", views.cancel, name="cancel"),
    path("gatherings/<id:pk>/prework/", views.prework, name="prework"),
    path("gatherings/<id:pk>/participants/", views.participants, name="participants"),
    path("gatherings/<id:pk>/participants.csv", views.participants_csv, name="participants_csv"),
    path(
        "gatherings/<id:pk>/participants/<id:registration_pk>/check-in/",
        views.check_in,
        name="check_in",
    ),
    path("gatherings/<id:pk>/message/", views.message, name="message"),
    path("gatherings/<id:pk>/exchange/", views.exchange, name="exchange"),
    path("gatherings/sessions/<id:session_pk>/groups/", views.groups, name="groups"),
    path("gatherings/groups/<id:pk>/", views.group, name="group"),
    path("me/gatherings/", views.my_gatherings, name="mine"),
]
