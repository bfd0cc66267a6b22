"""The brag document API: my entries (owner-only: anyone else's answers 404),
turning one into a story, and the weekly reminder's settings."""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from career.api.fields import StrictIntegerField, line, merged, texts
from career.api.stories import StoryOutput, story_data
from career.selectors.brag import brag_entries_of, brag_entry_get_for_user
from career.services.brag import (
    brag_entry_create,
    brag_entry_delete,
    brag_entry_update,
    brag_settings_of,
    brag_settings_save,
)
from career.services.stories import story_from_brag_entry
from core import api_fields as text


class BragEntryOutput(serializers.Serializer):
    id = serializers.IntegerField()
    day = serializers.DateField()
    what = serializers.CharField()
    impact = serializers.CharField(help_text="The impact, with its numbers.")
    seen_by = serializers.CharField()
    links = serializers.ListField(child=serializers.URLField())


def entry_data(entry) -> dict:
    return {
        "id": entry.pk,
        "day": entry.day,
        "what": entry.what,
        "impact": entry.impact,
        "seen_by": entry.seen_by,
        "links": list(entry.links),
    }


class BragEntryInput(serializers.Serializer):
    day = text.CharField(max_length=10, help_text="YYYY-MM-DD, not in the future.")
    what = text.CharField()
    impact = line()
    seen_by = line()
    links = texts()


def _args(data: dict) -> dict:
    return {
        "day": data["day"] if isinstance(data["day"], str) else data["day"].isoformat(),
        "what": data["what"],
        "impact": data.get("impact", ""),
        "seen_by": data.get("seen_by", ""),
        "links": data.get("links") or [],
    }


class BragEntryListApi(APIView):
    pagination_class = None

    @extend_schema(responses=BragEntryOutput(many=True), summary="My brag document")
    def get(self, request):
        return Response([entry_data(e) for e in brag_entries_of(user=request.user)])

    @extend_schema(request=BragEntryInput, responses={201: BragEntryOutput})
    def post(self, request):
        serializer = BragEntryInput(data=request.data)
        serializer.is_valid(raise_exception=True)
        entry = brag_entry_create(
            owner=request.user, **_args(serializer.validated_data)
        )
        return Response(entry_data(entry), status=status.HTTP_201_CREATED)


class BragEntryDetailApi(APIView):
    @extend_schema(responses=BragEntryOutput)
    def get(self, request, pk: int):
        entry = brag_entry_get_for_user(user=request.user, entry_id=pk)
        return Response(entry_data(entry))

    def _write(self, request, pk: int, *, partial: bool):
        entry = brag_entry_get_for_user(user=request.user, entry_id=pk)
        data = merged(BragEntryInput, request, entry_data(entry), partial=partial)
        entry = brag_entry_update(entry=entry, **_args(data))
        return Response(entry_data(entry))

    @extend_schema(request=BragEntryInput, responses=BragEntryOutput)
    def put(self, request, pk: int):
        return self._write(request, pk, partial=False)

    @extend_schema(request=BragEntryInput, responses=BragEntryOutput)
    def patch(self, request, pk: int):
        return self._write(request, pk, partial=True)

    @extend_schema(responses={204: None})
    def delete(self, request, pk: int):
        brag_entry_delete(entry=brag_entry_get_for_user(user=request.user, entry_id=pk))
        return Response(status=status.HTTP_204_NO_CONTENT)


class BragEntryToStoryApi(APIView):
    @extend_schema(
        request=None,
        responses={201: StoryOutput},
        summary="Start a story from a brag entry",
    )
    def post(self, request, pk: int):
        entry = brag_entry_get_for_user(user=request.user, entry_id=pk)
        story = story_from_brag_entry(entry=entry)
        return Response(story_data(story), status=status.HTTP_201_CREATED)


class BragSettingsSerializer(serializers.Serializer):
    reminder_on = serializers.BooleanField()
    weekday = StrictIntegerField(
        min_value=0, max_value=6, help_text="0 is Monday, 6 Sunday."
    )
    hour = StrictIntegerField(min_value=0, max_value=23, help_text="In my time zone.")


class BragSettingsApi(APIView):
    """The weekly reminder to write in my brag document: off unless turned on."""

    @extend_schema(responses=BragSettingsSerializer)
    def get(self, request):
        settings = brag_settings_of(request.user)
        return Response(BragSettingsSerializer(settings).data)

    @extend_schema(request=BragSettingsSerializer, responses=BragSettingsSerializer)
    def put(self, request):
        serializer = BragSettingsSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        settings = brag_settings_save(user=request.user, **serializer.validated_data)
        return Response(BragSettingsSerializer(settings).data)
