"""Availability API: my weekly windows, a friend's free slots, and booking one.

A friend's slots are found by the token of their booking link (the last part of the
address they shared), never by their id.

Times of windows are wall-clock times in the owner's own zone. Free slots are answered
with their offset in the asker's zone; a booking time given without an offset is read
in the asker's zone too.
"""

import re
from types import SimpleNamespace

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.response import Response
from rest_framework.views import APIView

from core import api_fields as text
from interviews.selectors.availability import (
    MAX_DAYS,
    STEP_CHOICES,
    availability_of,
    availability_owner_get,
    bookable_format_get,
    booking_link_of,
    format_duration,
    free_slots,
    user_zone,
)
from interviews.services.availability import (
    MAX_WINDOWS,
    availability_set,
    booking_link_renew,
    slot_book,
)


class WallClockTimeField(serializers.TimeField):
    """A time on the owner's wall clock, "18:00". An offset ("18:00+02:00") would be
    dropped by the parser without a word, so it is refused."""

    default_error_messages = {
        "offset": "Give the time without a time zone or offset, such as 18:00: "
        "windows are read in my own time zone.",
    }

    def to_internal_value(self, value):
        if isinstance(value, str) and re.search(r"[zZ]|[+-]\d", value):
            self.fail("offset")
        return super().to_internal_value(value)


class WindowSerializer(serializers.Serializer):
    class Meta:
        ref_name = "AvailabilityWindow"

    weekday = serializers.IntegerField(
        min_value=0, max_value=6, help_text="0 is Monday, 6 is Sunday."
    )
    start_time = WallClockTimeField(format="%H:%M", help_text="In my time zone.")
    end_time = WallClockTimeField(format="%H:%M", help_text="In my time zone.")


class AvailabilityApi(APIView):
    """My weekly windows. PUT replaces all of them at once (an empty list clears)."""

    class InputSerializer(serializers.Serializer):
        # A little above the service's limit, so that limit answers with its message.
        slots = WindowSerializer(many=True, max_length=MAX_WINDOWS * 4)

    class OutputSerializer(serializers.Serializer):
        time_zone = text.CharField()
        slots = WindowSerializer(many=True)
        booking_token = text.CharField(
            allow_null=True,
            help_text="My booking link's secret, for friends' slots/ and book/ "
            "calls; null until I publish a window.",
        )
        booking_url = text.CharField(allow_null=True)

    @classmethod
    def answer(cls, request) -> Response:
        slots = availability_of(user=request.user)
        link = booking_link_of(user=request.user)
        data = {
            "time_zone": request.user.time_zone,
            "slots": slots,
            "booking_token": link.token if link else None,
            "booking_url": (
                settings.SITE_URL + reverse("availability-book", args=[link.token])
                if link
                else None
            ),
        }
        return Response(cls.OutputSerializer(data).data)

    @extend_schema(responses=OutputSerializer)
    def get(self, request):
        return self.answer(request)

    @extend_schema(request=InputSerializer, responses=OutputSerializer)
    def put(self, request):
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        availability_set(user=request.user, slots=serializer.validated_data["slots"])
        return self.answer(request)


class BookingLinkRenewApi(APIView):
    """A new booking link: the old one stops working at once."""

    @extend_schema(request=None, responses=AvailabilityApi.OutputSerializer)
    def post(self, request):
        booking_link_renew(user=request.user)
        return AvailabilityApi.answer(request)


class OwnerSerializer(serializers.Serializer):
    class Meta:
        ref_name = "AvailabilityOwner"

    id = serializers.IntegerField()
    name = text.CharField()
    time_zone = text.CharField()


class FreeSlotSerializer(serializers.Serializer):
    class Meta:
        ref_name = "AvailabilityFreeSlot"

    starts_at = serializers.DateTimeField()
    ends_at = serializers.DateTimeField()


class InterviewFormatNegotiation(DefaultContentNegotiation):
    # `?format=` names an interview format here; by default DRF reads it as the
    # renderer to use (URL_FORMAT_OVERRIDE) and answers 404 for any other value.
    settings = SimpleNamespace(URL_FORMAT_OVERRIDE=None)


class AvailabilitySlotsApi(APIView):
    """Free start times of a person for a format, in my time zone."""

    content_negotiation_class = InterviewFormatNegotiation

    class InputSerializer(serializers.Serializer):
        format = text.SlugField(max_length=120)
        days = serializers.IntegerField(min_value=1, max_value=MAX_DAYS, default=14)
        step = serializers.ChoiceField(choices=STEP_CHOICES, default=30)
        swap = serializers.BooleanField(default=False)

        def get_fields(self):
            # "from" is a Python keyword, so it cannot be declared like the others.
            return {
                **super().get_fields(),
                "from": serializers.DateField(required=False),
            }

    class OutputSerializer(serializers.Serializer):
        owner = OwnerSerializer()
        format = text.CharField()
        swap = serializers.BooleanField()
        minutes = serializers.IntegerField()
        time_zone = text.CharField(help_text="My zone, the slots' offset.")
        slots = FreeSlotSerializer(many=True)

    @extend_schema(
        parameters=[
            OpenApiParameter("format", str, required=True, description="Format slug."),
            OpenApiParameter("from", OpenApiTypes.DATE, description="Default today."),
            OpenApiParameter("days", int, description=f"1 to {MAX_DAYS}, default 14."),
            OpenApiParameter("step", int, enum=list(STEP_CHOICES)),
            OpenApiParameter("swap", bool),
        ],
        responses=OutputSerializer,
    )
    def get(self, request, token: str):
        owner = availability_owner_get(token=token)
        params = self.InputSerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        query, zone = params.validated_data, user_zone(request.user)
        format_ = bookable_format_get(user=request.user, slug=query["format"])
        duration = format_duration(format=format_, swap=query["swap"])
        slots = free_slots(
            owner=owner,
            viewer=request.user,
            format=format_,
            start_date=query.get("from") or timezone.localdate(timezone=zone),
            days=query["days"],
            step_minutes=query["step"],
            swap=query["swap"],
        )
        data = {
            "owner": owner,
            "format": format_.slug,
            "swap": query["swap"],
            "minutes": int(duration.total_seconds() // 60),
            "time_zone": zone.key,
            # Already strings in my zone: the API answers in the asker's time zone
            # even when an API token, not the session, says who is asking.
            "slots": [
                {
                    "starts_at": slot.astimezone(zone).isoformat(),
                    "ends_at": (slot + duration).astimezone(zone).isoformat(),
                }
                for slot in slots
            ],
        }
        return Response(self.OutputSerializer(data).data)


class AvailabilityBookApi(APIView):
    """Book a free slot: a scheduled session with the owner, accepted by both."""

    class InputSerializer(serializers.Serializer):
        format = text.SlugField(max_length=120)
        starts_at = serializers.DateTimeField(
            help_text="ISO 8601; without an offset it is read in my time zone."
        )
        swap = serializers.BooleanField(default=False)

        def __init__(self, *args, zone=None, **kwargs):
            super().__init__(*args, **kwargs)
            if zone is not None:
                self.fields["starts_at"].timezone = zone

    class OutputSerializer(serializers.Serializer):
        id = serializers.IntegerField()
        format = text.CharField(source="format.slug")
        swap = serializers.BooleanField()
        status = text.CharField()
        starts_at = serializers.DateTimeField()
        ends_at = serializers.DateTimeField()
        url = text.CharField()

    @extend_schema(
        request=InputSerializer,
        responses={status.HTTP_201_CREATED: OutputSerializer},
    )
    def post(self, request, token: str):
        owner = availability_owner_get(token=token)
        serializer = self.InputSerializer(
            data=request.data, zone=user_zone(request.user)
        )
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        session = slot_book(
            booker=request.user,
            owner=owner,
            format=bookable_format_get(user=request.user, slug=data["format"]),
            starts_at=data["starts_at"],
            swap=data["swap"],
        )
        session.url = reverse("session-detail", kwargs={"pk": session.pk})
        return Response(
            self.OutputSerializer(session).data, status=status.HTTP_201_CREATED
        )
