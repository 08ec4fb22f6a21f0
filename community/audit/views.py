from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from . import selectors


@login_required
def audit_list(request):
    context = selectors.audit_entries_for(request.user, request.GET)
    return render(request, "community/audit/audit_list.html", context)
