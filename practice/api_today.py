"""/api/practice/today/: today's set of the person asking; POST builds it."""

from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from core import api_fields as text
from practice.selectors.today import SET_SIZES, today_for_user
from practice.services.today import daily_set_build
from questions.models import RoundKind


class TodayItemSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="item.pk", help_text="The set's item.")
    position = serializers.IntegerField(source="item.position")
    question = text.CharField(source="question.slug")
    title = text.CharField(source="question.title")
    kind = serializers.ChoiceField(choices=RoundKind.choices, source="question.kind")
    difficulty = serializers.CharField(
        source="question.difficulty_slug",
        allow_null=True,
        help_text="easy, medium or hard; null when unrated.",
    )
    reason = text.CharField(source="item.reason")
    practised = serializers.BooleanField(
        help_text="Practised alone, with the attempt logged."
    )
    started = serializers.BooleanField(help_text="Started in solo practice.")


class TodaySerializer(serializers.Serializer):
    class Meta:
        ref_name = "TodaysSet"

    day = serializers.DateField(help_text="The person's own date.")
    built = serializers.SerializerMethodField()
    size = serializers.IntegerField()
    items = TodayItemSerializer(many=True)

    def get_built(self, today) -> bool:
        return today.daily_set is not None


class TodayApi(APIView):
    """Today's set (empty until built), or build it: due reviews first, then the
    most asked unsolved questions of the person's targets, balanced by difficulty."""

    class InputSerializer(serializers.Serializer):
        class Meta:
            ref_name = "TodaysSetBuildInput"

        size = serializers.ChoiceField(
            choices=SET_SIZES,
            required=False,
            help_text="How many questions; the practice settings' size by default.",
        )
        rebuild = serializers.BooleanField(
            default=False,
            help_text="Build it again; refused once one of its questions is started.",
        )

    @extend_schema(responses=TodaySerializer)
    def get(self, request):
        today = today_for_user(user=request.user, now=timezone.now())
        return Response(TodaySerializer(today).data)

    @extend_schema(request=InputSerializer, responses={201: TodaySerializer})
    def post(self, request):
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        now = timezone.now()
        daily_set_build(
            user=request.user,
            size=serializer.validated_data.get("size"),
            now=now,
            rebuild=serializer.validated_data["rebuild"],
        )
        today = today_for_user(user=request.user, now=now)
        return Response(TodaySerializer(today).data, status=status.HTTP_201_CREATED)
