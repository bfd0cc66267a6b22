"""Formats API: the built-in formats and mine, each with its ordered segments; POST
makes a format of mine, PUT and DELETE change or remove one of mine."""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from core import api_fields as text
from interviews.models import SegmentKind
from interviews.selectors.formats import format_get_mine, formats_for_user
from interviews.services.formats import (
    MAX_SEGMENTS,
    format_create,
    format_delete,
    format_update,
)


class SegmentSerializer(serializers.Serializer):
    class Meta:
        ref_name = "FormatSegment"

    kind = serializers.ChoiceField(choices=SegmentKind.choices)
    minutes = serializers.IntegerField(min_value=1)
    questions = serializers.IntegerField(min_value=0, default=0)
    runnable = serializers.BooleanField(
        default=False, help_text="The pad's code may be run in the browser here."
    )


class FormatSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    slug = text.SlugField()
    name = text.CharField()
    description = text.CharField()
    is_loop = serializers.BooleanField()
    is_mine = serializers.SerializerMethodField()
    total_minutes = serializers.IntegerField()
    segments = SegmentSerializer(many=True, source="segments.all")

    def get_is_mine(self, format) -> bool:
        return format.owner_id is not None


class FormatInputSerializer(serializers.Serializer):
    name = text.CharField(max_length=200)
    description = text.CharField(required=False, allow_blank=True, default="")
    # A little above the service's limit, so that limit answers with its message.
    segments = SegmentSerializer(many=True, max_length=MAX_SEGMENTS * 2)


def _answer(request, format, *, code=status.HTTP_200_OK) -> Response:
    format = format_get_mine(user=request.user, format_id=format.pk)
    return Response(FormatSerializer(format).data, status=code)


class FormatListApi(APIView):
    @extend_schema(responses=FormatSerializer(many=True))
    def get(self, request):
        formats = formats_for_user(user=request.user)
        return Response(FormatSerializer(formats, many=True).data)

    @extend_schema(
        request=FormatInputSerializer,
        responses={status.HTTP_201_CREATED: FormatSerializer},
    )
    def post(self, request):
        serializer = FormatInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        format = format_create(owner=request.user, **serializer.validated_data)
        return _answer(request, format, code=status.HTTP_201_CREATED)


class FormatDetailApi(APIView):
    """One format of mine: PUT replaces its name, description and segments."""

    @extend_schema(request=FormatInputSerializer, responses=FormatSerializer)
    def put(self, request, pk: int):
        format = format_get_mine(user=request.user, format_id=pk)
        serializer = FormatInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        format_update(format=format, by=request.user, **serializer.validated_data)
        return _answer(request, format)

    @extend_schema(responses={status.HTTP_204_NO_CONTENT: None})
    def delete(self, request, pk: int):
        format = format_get_mine(user=request.user, format_id=pk)
        format_delete(format=format, by=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)
