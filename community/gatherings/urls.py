from django.urls import path

from . import views

app_name = "gatherings"

urlpatterns = [
    path("gatherings/calendar.ics", views.feed_ics, name="feed"),
    path("gatherings/<int:pk>/calendar.ics", views.gathering_ics, name="ics"),
    path("gatherings/<int:pk>/register/", views.register, name="register"),
    path("gatherings/<int:pk>/cancel/", views.cancel, name="cancel"),
    path("gatherings/<int:pk>/prework/", views.prework, name="prework"),
    path("gatherings/<int:pk>/participants/", views.participants, name="participants"),
    path("gatherings/<int:pk>/participants.csv", views.participants_csv, name="participants_csv"),
    path(
        "gatherings/<int:pk>/participants/<int:registration_pk>/check-in/",
        views.check_in,
        name="check_in",
    ),
    path("gatherings/<int:pk>/message/", views.message, name="message"),
    path("gatherings/<int:pk>/exchange/", views.exchange, name="exchange"),
    path("gatherings/sessions/<int:session_pk>/groups/", views.groups, name="groups"),
    path("gatherings/groups/<int:pk>/", views.group, name="group"),
    path("me/gatherings/", views.my_gatherings, name="mine"),
]
