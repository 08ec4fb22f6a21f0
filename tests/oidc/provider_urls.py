from django.contrib.auth.views import LoginView
from django.urls import include, path


def userinfo(claims, user):
    # What a Feide-like provider sends: Samspill must keep none of it but the subject.
    claims["name"] = user.get_full_name() or user.username
    claims["email"] = user.email
    return claims


urlpatterns = [
    path("login/", LoginView.as_view(), name="login"),
    path("openid/", include("oidc_provider.urls", namespace="oidc_provider")),
]
