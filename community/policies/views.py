"""The pages a municipality asks for; linked from every footer, open to everyone."""

from django.conf import settings
from django.shortcuts import render
from django.utils import timezone

from . import selectors
from .register import REGISTER


def privacy(request):
    return render(
        request,
        "community/policies/privacy.html",
        {
            "register": REGISTER,
            "controller": settings.SAMSPILL_CONTROLLER,
            "contact": settings.SAMSPILL_PRIVACY_CONTACT,
            "sub_processors": selectors.sub_processors(),
        },
    )


def privacy_pupils(request):
    return render(
        request,
        "community/policies/privacy_pupils.html",
        {"contact": settings.SAMSPILL_PRIVACY_CONTACT},
    )


def accessibility(request):
    return render(
        request,
        "community/policies/accessibility.html",
        {
            "contact": settings.SAMSPILL_ACCESSIBILITY_CONTACT,
            "checks": selectors.release_checks(),
        },
    )


def approval_pack(request):
    context = selectors.approval_pack()
    if request.GET.get("download") == "1":
        response = render(
            request,
            "community/policies/approval_pack_file.html",
            {**context, "generated": timezone.now()},
        )
        response["Content-Disposition"] = 'attachment; filename="samspill-approval-pack.html"'
        return response
    return render(request, "community/policies/approval_pack.html", context)
