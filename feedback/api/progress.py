"""/api/progress/summary/: the signed-in candidate's progress, as the progress page
shows it. Only feedback they may read counts (the blind rule)."""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from feedback.selectors.progress import progress_summary
from questions.models import RoundKind


class CompetencySerializer(serializers.Serializer):
    id = serializers.CharField(
        help_text="Round kind and competency key: coding:approach."
    )
    key = serializers.CharField(
        help_text="The competency, stable across rubric versions."
    )
    title = serializers.CharField()
    # Text, not an enum: the same choices already have a name in the schema.
    kind = serializers.CharField(
        help_text="Round kind: " + ", ".join(RoundKind.values) + "."
    )
    kind_label = serializers.CharField()
    current = serializers.FloatField(help_text="Mean of the last three scores, 1-4.")


class ScorePointSerializer(serializers.Serializer):
    round_id = serializers.IntegerField()
    date = serializers.DateField()
    score = serializers.IntegerField(min_value=1, max_value=4)


class CalibrationSerializer(serializers.Serializer):
    self = serializers.FloatField(help_text="Own mean over the paired rounds.")
    interviewer = serializers.FloatField(help_text="Interviewers' mean over them.")
    gap = serializers.FloatField(help_text="Self minus interviewer: above 0 is rosier.")
    rounds = serializers.IntegerField(help_text="Recent rounds rated by both.")


class CompetencyTrendSerializer(CompetencySerializer):
    scores = ScorePointSerializer(many=True)
    calibration = CalibrationSerializer(allow_null=True)


class LinkSerializer(serializers.Serializer):
    title = serializers.CharField()
    url = serializers.CharField()


class RoundBehindSerializer(serializers.Serializer):
    round_id = serializers.IntegerField()
    date = serializers.DateField()
    partner = serializers.CharField(help_text="Who interviewed.")
    url = serializers.CharField(help_text="The round's feedback page.")
    score = serializers.IntegerField(min_value=1, max_value=4)
    questions = LinkSerializer(many=True)


class WeakAreaSerializer(CompetencySerializer):
    rounds = RoundBehindSerializer(many=True)


class PracticeQuestionSerializer(LinkSerializer):
    difficulty = serializers.CharField()


class FormatLinkSerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()
    url = serializers.CharField(help_text="Where to book a session.")


class PlannedCompetencySerializer(CompetencySerializer):
    hours = serializers.FloatField()
    questions = PracticeQuestionSerializer(many=True)
    format = FormatLinkSerializer(allow_null=True)


class PlanAreaSerializer(serializers.Serializer):
    tier = serializers.ChoiceField(choices=["weakest", "middling", "strongest"])
    label = serializers.CharField()
    share = serializers.IntegerField(help_text="Percent of the week's hours.")
    hours = serializers.FloatField()
    competencies = PlannedCompetencySerializer(many=True)


class CompanyRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class WeekPlanSerializer(serializers.Serializer):
    hours_per_week = serializers.IntegerField()
    companies = CompanyRefSerializer(many=True)
    areas = PlanAreaSerializer(many=True)


class ProgressSummaryApi(APIView):
    """My scores per competency over time, calibration, weakest three, week plan."""

    permission_classes = [IsAuthenticated]

    class OutputSerializer(serializers.Serializer):
        class Meta:
            ref_name = "ProgressSummary"

        has_feedback = serializers.BooleanField()
        rounds_count = serializers.IntegerField()
        competencies = CompetencyTrendSerializer(many=True)
        weakest = WeakAreaSerializer(many=True)
        plan = WeekPlanSerializer()

    @extend_schema(responses=OutputSerializer)
    def get(self, request):
        summary = progress_summary(user=request.user)
        return Response(self.OutputSerializer(summary).data)
