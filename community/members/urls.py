from django.urls import path

from . import views

app_name = "members"

urlpatterns = [
    path("", views.me, name="me"),
    path("data/", views.data_export, name="data_export"),
    path("data/archive/", views.data_archive, name="data_archive"),
    path("data/archive/<id:pk>/", views.data_archive_download, name="data_archive_download"),
    path("delete/", views.account_delete, name="delete"),
]
