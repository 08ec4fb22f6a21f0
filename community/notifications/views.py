from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from . import selectors, services


@login_required
def notification_list(request):
    page = Paginator(selectors.notifications_for(request.user), 30).get_page(
        request.GET.get("page")
    )
    return render(request, "community/notifications/list.html", {"page": page})


@login_required
def notification_open(request, pk):
    notification = get_object_or_404(selectors.notifications_for(request.user), pk=pk)
    services.notifications_mark_read(user=request.user, ids=[notification.pk])
    target = notification.url
    if not target or not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}
    ):
        target = "notifications:list"
    return redirect(target)


@login_required
@require_POST
def notifications_read_all(request):
    services.notifications_mark_read(user=request.user)
    return redirect("notifications:list")
