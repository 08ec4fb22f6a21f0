from django.http import HttpResponse
from django.urls import include, path


def bare(request):
    """The ceiling: the same stack (middleware, Daphne) returning a short string."""
    return HttpResponse("ok")


urlpatterns = [
    path("bench/bare/", bare),
    path("", include("community.urls")),
]
