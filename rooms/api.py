"""The room through the API: the same view of it the room's socket sends, so a
script can find the round's pads (/ws/pads/<id> speaks y-websocket; the text is
getText("pad")) and follow the clock. For the session's people once both accepted;
404 for anyone else."""

from django.http import Http404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework.response import Response
from rest_framework.views import APIView

from rooms.selectors.room import room_view_for
from rooms.services.room import room_enter


class RoomApi(APIView):
    @extend_schema(
        operation_id="room_view",
        responses={200: OpenApiTypes.OBJECT},
        description="The room as I see it: the round it is on, its clock, the "
        "questions revealed to me (every chosen one, with hints, for its "
        "interviewer), its shared pad, and the notes pad for its interviewer only.",
    )
    def get(self, request, pk: int):
        room_enter(session_id=pk, user=request.user)
        view = room_view_for(user=request.user, session_id=pk)
        if view is None:
            raise Http404("No such room.")
        return Response(view)
