"""WebSockets only from this site's own pages.

Channels' AllowedHostsOriginValidator compares the Origin's host name with
ALLOWED_HOSTS and ignores the port, so a page served by anything else on the same
host (another port) could open a member's sockets with their cookies. Here the
Origin must name the very host and port the socket was opened on (the Host header,
which the reverse proxy passes on), or one of CSRF_TRUSTED_ORIGINS.
"""

from urllib.parse import urlsplit

from channels.security.websocket import WebsocketDenier
from django.conf import settings
from django.http.request import split_domain_port, validate_host

DEFAULT_PORTS = {"http": 80, "ws": 80, "https": 443, "wss": 443}


def _origin(value: str) -> tuple[str, int] | None:
    try:
        parts = urlsplit(value)
        port = parts.port or DEFAULT_PORTS.get(parts.scheme)
    except ValueError:
        return None
    if not parts.hostname or port is None:
        return None
    return parts.hostname.lower(), port


def origin_allowed(origin: str, host: str) -> bool:
    if not origin or not host:
        return False
    domain, port = split_domain_port(host)
    if not domain or not validate_host(domain, settings.ALLOWED_HOSTS):
        return False
    if origin in getattr(settings, "CSRF_TRUSTED_ORIGINS", ()):
        return True
    parsed = _origin(origin)
    if parsed is None:
        return False
    origin_host, origin_port = parsed
    if origin_host.strip("[]") != domain.strip("[]").lower():
        return False
    if port:
        return str(origin_port) == port
    # A Host without a port is the scheme's default: 80 or 443 (behind TLS).
    return origin_port in {80, 443}


class SameOriginValidator:
    def __init__(self, application):
        self.application = application

    async def __call__(self, scope, receive, send):
        if scope["type"] == "websocket":
            headers = dict(scope.get("headers", ()))
            origin = headers.get(b"origin", b"").decode("latin1")
            host = headers.get(b"host", b"").decode("latin1")
            if not origin_allowed(origin, host):
                return await WebsocketDenier()(scope, receive, send)
        return await self.application(scope, receive, send)
