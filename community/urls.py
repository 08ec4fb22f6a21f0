from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.static import serve
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from community.health import health
from community.members.views import language_switch
from community.schools.views import join
from community.search import site_search

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
    path("join/<str:code>/", join, name="join"),
    path("search/", site_search, name="search"),
    path("forums/", include("forums.urls")),
    path("", include("courses.urls")),
    path("", include("community.gatherings.urls")),
    path("", include("community.chat.urls")),
]

if settings.DEBUG:
    urlpatterns += [
        path("media/<path:path>", serve, {"document_root": settings.MEDIA_ROOT}),
    ]

# Wagtail's page tree last: it answers every path the patterns above did not.
urlpatterns += [path("", include(wagtail_urls))]
