from django.urls import path

from . import views

app_name = "schools"

urlpatterns = [
    path("<slug:slug>/", views.school_detail, name="detail"),
    path("<slug:slug>/members/<id:pk>/consent/", views.consent_toggle, name="consent"),
    path("<slug:slug>/members/<id:pk>/remove/", views.membership_remove, name="remove"),
    path("<slug:slug>/members/<id:pk>/erase/", views.pupil_erase, name="pupil_erase"),
    path("<slug:slug>/invitations/<id:pk>/revoke/", views.invitation_revoke, name="revoke"),
]
