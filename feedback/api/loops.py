"""A loop's debrief through the API: the same packet as the page, for its candidate
and interviewers once every round is held and scored; 404 for anyone else."""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from feedback.selectors.loops import (
    areas_rule_text,
    hire_rule_text,
    level_rule_text,
    loop_debrief_for,
)


class DebriefPersonSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class DebriefRoundSerializer(serializers.Serializer):
    round = serializers.IntegerField(source="round.pk")
    number = serializers.IntegerField(help_text="The round's place in the format.")
    kind = serializers.CharField()
    decides_level = serializers.BooleanField()
    interviewer = DebriefPersonSerializer(source="round.interviewer", allow_null=True)
    scorecard = serializers.IntegerField(source="scorecard.pk")
    recommendation = serializers.CharField(source="scorecard.recommendation")
    level_signal = serializers.CharField(source="scorecard.level_signal")
    strengths = serializers.CharField(source="scorecard.strengths")
    improvements = serializers.CharField(source="scorecard.improvements")


class CompetencySerializer(serializers.Serializer):
    title = serializers.CharField()
    scores = serializers.ListField(
        child=serializers.IntegerField(allow_null=True),
        help_text="One per round, in the rounds' order; null where its rubric "
        "does not rate this competency.",
    )
    mean = serializers.FloatField()
    area = serializers.ChoiceField(["strong", "middling", "weak"])


class CheckSerializer(serializers.Serializer):
    text = serializers.CharField()
    passed = serializers.BooleanField()


class DebriefSerializer(serializers.Serializer):
    id = serializers.IntegerField(help_text="The loop's first round.")
    format = serializers.CharField(source="format.name")
    candidate = DebriefPersonSerializer()
    rounds = DebriefRoundSerializer(many=True)
    competencies = CompetencySerializer(many=True)
    verdict = serializers.ChoiceField(["Hire", "No hire"])
    checks = serializers.SerializerMethodField()
    level = serializers.CharField()
    hire_rule = serializers.SerializerMethodField()
    level_rule = serializers.SerializerMethodField()
    areas_rule = serializers.SerializerMethodField()

    def get_checks(self, debrief) -> list[dict]:
        return CheckSerializer(
            [{"text": text, "passed": passed} for text, passed in debrief.checks],
            many=True,
        ).data

    def get_hire_rule(self, debrief) -> str:
        return hire_rule_text()

    def get_level_rule(self, debrief) -> str:
        return level_rule_text()

    def get_areas_rule(self, debrief) -> str:
        return areas_rule_text()


class LoopDebriefApi(APIView):
    @extend_schema(
        responses=DebriefSerializer,
        summary="A loop's debrief: scorecards side by side and the roll-up",
    )
    def get(self, request, loop_id: int):
        debrief = loop_debrief_for(user=request.user, loop_id=loop_id)
        return Response(DebriefSerializer(debrief).data)
