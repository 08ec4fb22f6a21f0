from django.urls import path

from . import views

app_name = "chat"

urlpatterns = [
    path("chat/<id:room_id>/", views.room, name="room"),
    path("chat/<id:room_id>/panel/", views.panel, name="panel"),
    path("chat/<id:room_id>/publish/", views.publish, name="publish"),
]
