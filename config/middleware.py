"""Guards every request passes before any view: addresses no view can take."""

from asgiref.sync import iscoroutinefunction, markcoroutinefunction

from config.errors import bad_request_response

NUL = "\x00"
NUL_MESSAGE = (
    "The address contains a NUL character (%00), which no page or field accepts. "
    "Remove it and try again."
)


def _has_nul(request) -> bool:
    if NUL in request.path:
        return True
    return any(
        NUL in key or any(NUL in value for value in values)
        for key, values in request.GET.lists()
    )


class RefuseNulCharactersMiddleware:
    """A NUL character in the path or the query string is refused with a 400 at
    once: PostgreSQL cannot compare text with it, so any query made from it would
    fail with a server error."""

    sync_capable = True
    async_capable = True

    def __init__(self, get_response):
        self.get_response = get_response
        if iscoroutinefunction(get_response):
            markcoroutinefunction(self)

    def __call__(self, request):
        if iscoroutinefunction(self):
            return self.__acall__(request)
        if _has_nul(request):
            return bad_request_response(request, NUL_MESSAGE)
        return self.get_response(request)

    async def __acall__(self, request):
        if _has_nul(request):
            return bad_request_response(request, NUL_MESSAGE)
        return await self.get_response(request)
