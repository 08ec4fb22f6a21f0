from django.urls import path

from . import views

app_name = "policies"

urlpatterns = [
    path("privacy/", views.privacy, name="privacy"),
    path("privacy/pupils/", views.privacy_pupils, name="privacy_pupils"),
    path("privacy/approval-pack/", views.approval_pack, name="approval_pack"),
    path("accessibility/", views.accessibility, name="accessibility"),
]
