"""No NUL byte from an address reaches a query.

PostgreSQL text cannot hold U+0000, so a `?q=%00` used in a filter is a server error
there (SQLite accepts it). Django's form fields already refuse NUL; query parameters
are read directly by listings and search, so they are cleaned once, here.
"""


class DropNulBytesMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        query_string = request.META.get("QUERY_STRING", "")
        if "%00" in query_string or "\x00" in query_string:
            cleaned = request.GET.copy()
            for key in list(cleaned):
                cleaned.setlist(key, [value.replace("\x00", "") for value in cleaned.getlist(key)])
            cleaned._mutable = False
            request.GET = cleaned
        return self.get_response(request)
