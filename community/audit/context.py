"""Who is acting in this request, for audit entries written by signals (role changes made
in the Wagtail admin, for instance) that never see the request."""

from contextvars import ContextVar

current_actor: ContextVar = ContextVar("samspill_audit_actor", default=None)


class AuditActorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        token = current_actor.set(user if user is not None and user.is_authenticated else None)
        try:
            return self.get_response(request)
        finally:
            current_actor.reset(token)
