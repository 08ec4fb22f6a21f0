"""No Set-Cookie for a CSRF cookie the browser already holds.

Django's `get_token()` flags the CSRF cookie for sending again on every response that
uses the token, only to push its expiry a year further. Every member page carries a form
(log out at least), so every member response carried Set-Cookie: a header that makes
shared caches and proxies treat the response as personal, and bytes on every request.
The token does not change, so the cookie is dropped from the response when the request
already sent the same value. A cookie then expires a year after it was last *changed*;
the next page after that sets a new one (a form opened in the last second before expiry
and sent after it fails with the usual "reload the page" message).
"""

from django.conf import settings


class KeepCsrfCookieMiddleware:
    """Sits just before CsrfViewMiddleware, so it sees the response after it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        name = settings.CSRF_COOKIE_NAME
        sent = request.COOKIES.get(name)
        morsel = response.cookies.get(name)
        if sent and morsel is not None and morsel.value == sent and morsel["max-age"] != 0:
            del response.cookies[name]
        return response
