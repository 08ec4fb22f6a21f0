from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from . import selectors, services
from .models import Delivery


class DeliveryForm(forms.Form):
    delivery = forms.ChoiceField(
        label=gettext_lazy("How should we tell you about replies, mentions and news?"),
        choices=Delivery.choices,
        widget=forms.RadioSelect,
    )


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


@login_required
def notification_settings(request):
    current = selectors.delivery_for(request.user)
    form = DeliveryForm(request.POST or None, initial={"delivery": current})
    if request.method == "POST" and form.is_valid():
        services.preference_set(user=request.user, delivery=form.cleaned_data["delivery"])
        messages.success(request, _("Your notification settings are saved."))
        return redirect("notifications:settings")
    return render(request, "community/notifications/settings.html", {"form": form})


@csrf_exempt  # the signed token is the credential; mail clients POST here (RFC 8058)
def notifications_unsubscribe(request, token):
    user = services.user_for_unsubscribe_token(token)
    if user is None:
        return render(
            request, "community/notifications/unsubscribe.html", {"invalid": True}, status=400
        )
    done = False
    if request.method == "POST":
        services.unsubscribe(token=token)
        done = True
    return render(
        request, "community/notifications/unsubscribe.html", {"done": done, "token": token}
    )
