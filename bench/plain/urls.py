from django.http import HttpResponse
from django.urls import path


def ceiling(request):
    return HttpResponse("<!doctype html><title>ok</title><p>ok</p>")


urlpatterns = [path("ceiling/", ceiling), path("bench/bare/", ceiling)]
