"""Sessions API: my sessions, scheduling one, one session with its rounds, and the
answers and changes. A candidate's view of a round never names a question before the
interviewer reveals it; a session I am not part of answers 404.

Times may be sent with an offset, or without one to be read in my own time zone.
"""

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from core import api_fields as text
from core.errors import ApplicationError
from interviews.models import SessionState
from interviews.selectors.formats import format_get_for_user, loop_segment_get
from interviews.selectors.rounds import rounds_for_user
from interviews.selectors.sessions import (
    invitation_link_for,
    session_get_for_user,
    sessions_past,
    sessions_upcoming,
    sessions_waiting,
)
from interviews.services.calendars import (
    participant_address,
    participant_name,
    participant_shown_name,
)
from interviews.services.session_rules import local_datetime
from interviews.services.sessions import (
    session_accept,
    session_call_link_set,
    session_cancel,
    session_decline,
    session_propose_time,
    session_reschedule,
    session_schedule,
)

LISTS = {
    "upcoming": sessions_upcoming,
    "waiting": sessions_waiting,
    "past": sessions_past,
}


class MomentField(serializers.DateTimeField):
    """An input time; one without an offset stays naive, to be read in the asker's
    zone (token requests have no zone activated, so DRF would read it as UTC)."""

    def enforce_timezone(self, value):
        return value


def _aware(moment, user):
    if timezone.is_aware(moment):
        return moment
    return local_datetime(day=moment.date(), at=moment.time(), time_zone=user.time_zone)


class PersonSerializer(serializers.Serializer):
    id = serializers.IntegerField(
        allow_null=True,
        help_text="Empty for someone invited by address who has not answered yet.",
    )
    name = text.CharField()


def _known_as(participant, me) -> dict:
    """Name and address as I may know them (see participant_shown_name)."""
    if participant.user_id != me.pk:
        shown = participant_shown_name(participant)
        if shown != participant_name(participant):
            return {"name": shown, "email": participant.email}
    return {
        "name": participant_name(participant),
        "email": participant_address(participant),
    }


def _people(session, me) -> dict[int, dict]:
    """user id -> how I know that participant: an invitee who has not answered is
    known by the address they were invited at, not by their account."""
    people = {}
    for p in session.participants.all():
        if p.user_id is not None:
            known = _known_as(p, me)
            hidden = known["name"] != participant_name(p)
            people[p.user_id] = {"id": None if hidden else p.user_id, **known}
            del people[p.user_id]["email"]
    return people


class ParticipantSerializer(serializers.Serializer):
    name = text.CharField()
    email = text.CharField()
    is_host = serializers.BooleanField()
    is_me = serializers.BooleanField()
    response = text.CharField()
    proposed_starts_at = serializers.DateTimeField(allow_null=True)


class SegmentPlanSerializer(serializers.Serializer):
    kind = text.CharField(source="segment.kind")
    minutes = serializers.IntegerField(source="segment.minutes")
    questions = serializers.IntegerField(source="segment.questions")
    starts_at = serializers.DateTimeField()
    ends_at = serializers.DateTimeField()


class ChosenQuestionSerializer(serializers.Serializer):
    segment_order = serializers.IntegerField(source="segment.order")
    kind = text.CharField(source="segment.kind")
    position = serializers.IntegerField()
    revealed = serializers.BooleanField()
    slug = text.CharField(source="round_question.question.slug")
    title = text.CharField(source="round_question.question.title")
    difficulty = text.CharField(
        source="round_question.question.difficulty_slug", allow_null=True
    )


class RoundSerializer(serializers.Serializer):
    order = serializers.IntegerField(source="plan.round.order")
    my_role = text.CharField(source="role")
    interviewer = serializers.SerializerMethodField()
    candidate = serializers.SerializerMethodField()
    starts_at = serializers.DateTimeField(source="plan.starts_at")
    ends_at = serializers.DateTimeField(source="plan.ends_at")
    segments = SegmentPlanSerializer(source="plan.segments", many=True)
    questions_chosen = serializers.IntegerField(source="questions.chosen_count")
    questions_revealed = serializers.IntegerField(source="questions.revealed_count")
    questions = ChosenQuestionSerializer(
        many=True,
        source="questions.visible",
        help_text="For a candidate, only the revealed ones: the others are counted.",
    )

    @extend_schema_field(PersonSerializer(allow_null=True))
    def get_interviewer(self, view) -> dict | None:
        return self.context["people"].get(view.plan.round.interviewer_id)

    @extend_schema_field(PersonSerializer(allow_null=True))
    def get_candidate(self, view) -> dict | None:
        return self.context["people"].get(view.plan.round.candidate_id)


class SessionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    uid = serializers.UUIDField()
    format = text.SlugField(source="format.slug")
    format_name = text.CharField(source="format.name")
    loop_round = serializers.SerializerMethodField()
    status = text.CharField(help_text="The booking: proposed, scheduled or cancelled.")
    state = serializers.SerializerMethodField(
        help_text="What became of it, as the pages say it: proposed, scheduled, "
        "in_progress (a round started), held (every round ended), missed (its time "
        "passed with no round started) or cancelled."
    )
    swap = serializers.BooleanField()
    starts_at = serializers.DateTimeField()
    ends_at = serializers.DateTimeField()
    sequence = serializers.IntegerField()
    note = text.CharField()
    call_link = text.CharField(help_text="Where the two talk: Jitsi, Meet, Zoom.")
    cancel_reason = text.CharField()
    participants = serializers.SerializerMethodField()

    @extend_schema_field(serializers.ChoiceField(choices=SessionState.choices))
    def get_state(self, session) -> str:
        return session.state_at(timezone.now()).value

    def get_loop_round(self, session) -> int | None:
        segment = session.loop_segment
        return segment.order + 1 if segment else None

    @extend_schema_field(ParticipantSerializer(many=True))
    def get_participants(self, session) -> list[dict]:
        me = self.context["user"]
        rows = [
            {
                **_known_as(p, me),
                "is_host": p.is_host,
                "is_me": p.user_id == me.pk,
                "response": p.response,
                "proposed_starts_at": p.proposed_starts_at,
            }
            for p in session.participants.all()
        ]
        return ParticipantSerializer(rows, many=True).data


class SessionDetailSerializer(SessionSerializer):
    rounds = serializers.SerializerMethodField()
    invitation_link = serializers.SerializerMethodField(
        help_text="Mine to share while nobody has used it (host only)."
    )

    @extend_schema_field(RoundSerializer(many=True))
    def get_rounds(self, session) -> list[dict]:
        me = self.context["user"]
        rounds = rounds_for_user(session=session, user=me)
        context = {"people": _people(session, me)}
        return RoundSerializer(rounds, many=True, context=context).data

    def get_invitation_link(self, session) -> str | None:
        link = invitation_link_for(user=self.context["user"], session=session)
        if link is None:
            return None
        return settings.SITE_URL + reverse("invitation-detail", args=[link.token])


def _detail(request, session, *, code=status.HTTP_200_OK) -> Response:
    session = session_get_for_user(user=request.user, session_id=session.pk)
    data = SessionDetailSerializer(session, context={"user": request.user}).data
    return Response(data, status=code)


class SessionListApi(APIView):
    """GET my sessions (`?list=upcoming|waiting|past`, all when absent); POST
    schedules one with a partner's e-mail, or without one to share a link."""

    class InputSerializer(serializers.Serializer):
        format = text.CharField(help_text="A format's id or slug.")
        starts_at = MomentField(
            help_text="With an offset, or without to be read in my time zone."
        )
        partner_email = text.EmailField(required=False, allow_blank=True)
        swap = serializers.BooleanField(default=False)
        host_role = serializers.ChoiceField(
            choices=["candidate", "interviewer"], default="candidate"
        )
        note = text.CharField(required=False, allow_blank=True, max_length=2000)
        call_link = text.CharField(required=False, allow_blank=True, max_length=500)
        loop_round = serializers.IntegerField(
            required=False, allow_null=True, help_text="For a loop: its round, from 1."
        )

    @extend_schema(
        parameters=[OpenApiParameter("list", str, enum=[*LISTS, "all"])],
        responses=SessionSerializer(many=True),
    )
    def get(self, request):
        which = request.query_params.get("list", "all")
        if which not in (*LISTS, "all"):
            raise ApplicationError("list: use upcoming, waiting, past or all.")
        lists = [LISTS[which]] if which in LISTS else LISTS.values()
        sessions = [s for pick in lists for s in pick(user=request.user)]
        data = SessionSerializer(sessions, many=True, context={"user": request.user})
        return Response(data.data)

    @extend_schema(
        request=InputSerializer,
        responses={status.HTTP_201_CREATED: SessionDetailSerializer},
    )
    def post(self, request):
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        format = format_get_for_user(user=request.user, key=data.pop("format"))
        session = session_schedule(
            host=request.user,
            format=format,
            loop_segment=loop_segment_get(
                format=format, number=data.pop("loop_round", None)
            ),
            starts_at=_aware(data.pop("starts_at"), request.user),
            **data,
        )
        return _detail(request, session, code=status.HTTP_201_CREATED)


class SessionDetailApi(APIView):
    """GET one of my sessions with its rounds; PATCH sets where we talk."""

    class InputSerializer(serializers.Serializer):
        call_link = text.CharField(
            allow_blank=True,
            max_length=500,
            help_text="An http(s) address (Jitsi, Meet, Zoom); empty removes it.",
        )

    @extend_schema(responses=SessionDetailSerializer)
    def get(self, request, pk: int):
        session = session_get_for_user(user=request.user, session_id=pk)
        return _detail(request, session)

    @extend_schema(request=InputSerializer, responses=SessionDetailSerializer)
    def patch(self, request, pk: int):
        session = session_get_for_user(user=request.user, session_id=pk)
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        session_call_link_set(
            session=session,
            by=request.user,
            link=serializer.validated_data["call_link"],
        )
        return _detail(request, session)


class SessionAcceptApi(APIView):
    """Accept the invitation, or the other side's proposed time."""

    @extend_schema(request=None, responses=SessionDetailSerializer)
    def post(self, request, pk: int):
        session = session_get_for_user(user=request.user, session_id=pk)
        session_accept(session=session, user=request.user)
        return _detail(request, session)


class SessionDeclineApi(APIView):
    class InputSerializer(serializers.Serializer):
        reason = text.CharField(required=False, allow_blank=True, max_length=2000)

    @extend_schema(request=InputSerializer, responses=SessionDetailSerializer)
    def post(self, request, pk: int):
        session = session_get_for_user(user=request.user, session_id=pk)
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        session_decline(session=session, user=request.user, **serializer.validated_data)
        return _detail(request, session)


class SessionProposeApi(APIView):
    """Propose another start; the session keeps its time until it is accepted."""

    class InputSerializer(serializers.Serializer):
        starts_at = MomentField()

    @extend_schema(request=InputSerializer, responses=SessionDetailSerializer)
    def post(self, request, pk: int):
        session = session_get_for_user(user=request.user, session_id=pk)
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        starts_at = _aware(serializer.validated_data["starts_at"], request.user)
        session_propose_time(session=session, user=request.user, starts_at=starts_at)
        return _detail(request, session)


class SessionRescheduleApi(APIView):
    class InputSerializer(serializers.Serializer):
        starts_at = MomentField()
        reason = text.CharField(required=False, allow_blank=True, max_length=2000)

    @extend_schema(request=InputSerializer, responses=SessionDetailSerializer)
    def post(self, request, pk: int):
        session = session_get_for_user(user=request.user, session_id=pk)
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        starts_at = _aware(data["starts_at"], request.user)
        session_reschedule(
            session=session,
            by=request.user,
            starts_at=starts_at,
            reason=data.get("reason", ""),
        )
        return _detail(request, session)


class SessionCancelApi(APIView):
    class InputSerializer(serializers.Serializer):
        reason = text.CharField(max_length=2000)

    @extend_schema(request=InputSerializer, responses=SessionDetailSerializer)
    def post(self, request, pk: int):
        session = session_get_for_user(user=request.user, session_id=pk)
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        session_cancel(session=session, by=request.user, **serializer.validated_data)
        return _detail(request, session)
