from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from community.health import health
from community.members.views import language_switch
from community.schools.views import join
from community.search import site_search
from courses.files.views import media

urlpatterns = [
    path("health/", health, name="health"),
    path("django-admin/", admin.site.urls),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("accounts/", include("allauth.urls")),
    path("language/", language_switch, name="set_language"),
    path("me/notifications/", include("community.notifications.urls")),
    path("me/", include("community.members.urls")),
    path("schools/", include("community.schools.urls")),
    path("audit/", include("community.audit.urls")),
    path("join/<str:code>/", join, name="join"),
    path("search/", site_search, name="search"),
    path("", include("community.policies.urls")),
    path("forums/", include("forums.urls")),
    path("", include("courses.urls")),
    path("", include("community.gatherings.urls")),
    path("", include("community.chat.urls")),
]

# Uploaded files only through the permission check, in development and production alike.
urlpatterns += [path(f"{settings.MEDIA_URL.strip('/')}/<path:path>", media, name="media")]

# Wagtail's page tree last: it answers every path the patterns above did not.
urlpatterns += [path("", include(wagtail_urls))]
