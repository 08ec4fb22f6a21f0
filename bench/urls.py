from django.http import HttpResponse
from django.urls import include, path
from django.views.decorators.cache import never_cache


@never_cache  # the stack's own cost, never a stored page (community/pagecache.py)
def bare(request):
    """The ceiling: the same stack (middleware, Daphne) returning a short string."""
    return HttpResponse("ok")


urlpatterns = [
    path("bench/bare/", bare),
    path("", include("community.urls")),
]
