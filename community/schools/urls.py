from django.urls import path

from . import views

app_name = "schools"

urlpatterns = [
    path("<slug:slug>/", views.school_detail, name="detail"),
    path("<slug:slug>/members/<int:pk>/consent/", views.consent_toggle, name="consent"),
    path("<slug:slug>/members/<int:pk>/remove/", views.membership_remove, name="remove"),
    path("<slug:slug>/members/<int:pk>/erase/", views.pupil_erase, name="pupil_erase"),
    path("<slug:slug>/invitations/<int:pk>/revoke/", views.invitation_revoke, name="revoke"),
]
