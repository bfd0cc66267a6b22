"""Guards every request passes before any view: addresses no view can take."""

from asgiref.sync import iscoroutinefunction, markcoroutinefunction

from core.errors import bad_request_response

NUL = "\x00"
NUL_MESSAGE = (
    "The address contains a NUL character (%00), which no page or field accepts. "
    "Remove it and try again."
)
NUL_IN_FORM_MESSAGE = (
    "The form holds a NUL character, which no field accepts. Remove it and send "
    "the form again."
)
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


def _nul_in(query_dict) -> bool:
    return any(
        NUL in key or any(isinstance(v, str) and NUL in v for v in values)
        for key, values in query_dict.lists()
    )


def _why_refused(request) -> str | None:
    if NUL in request.path or _nul_in(request.GET):
        return NUL_MESSAGE
    posted = request.method == "POST" and request.content_type in FORM_TYPES
    if posted and _nul_in(request.POST):
        return NUL_IN_FORM_MESSAGE
    return None


class RefuseNulCharactersMiddleware:
    """A NUL character in the path, the query string or a posted form is refused
    with a 400 at once: PostgreSQL can neither store nor compare text holding it,
    so any query made from it would fail with a server error."""

    sync_capable = True
    async_capable = True

    def __init__(self, get_response):
        self.get_response = get_response
        if iscoroutinefunction(get_response):
            markcoroutinefunction(self)

    def __call__(self, request):
        if iscoroutinefunction(self):
            return self.__acall__(request)
        refusal = _why_refused(request)
        if refusal:
            return bad_request_response(request, refusal)
        return self.get_response(request)

    async def __acall__(self, request):
        refusal = _why_refused(request)
        if refusal:
            return bad_request_response(request, refusal)
        return await self.get_response(request)
