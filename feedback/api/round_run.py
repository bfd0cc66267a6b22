"""The candidate's rating of how a round was run. The candidate sends it once, whole,
after the round; its author and, once their scorecard is submitted, the round's
interviewer read it. Anyone else, and anything not yet readable, answers 404."""

from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from core import api_fields as text
from feedback.round_run import COMMENT_LIMIT, KEYS
from feedback.selectors.interviewer_feedback import interviewer_feedback_readable
from feedback.selectors.rounds import round_for_feedback
from feedback.services.interviewer_feedback import interviewer_feedback_submit

SCORE_ERRORS = {
    "min_value": "Rate from 1 to 4.",
    "max_value": "Rate from 1 to 4.",
    "invalid": "Rate with a whole number from 1 to 4.",
}


def _score(help_text: str):
    return serializers.IntegerField(
        min_value=1, max_value=4, error_messages=SCORE_ERRORS, help_text=help_text
    )


class RoundRunRatingsSerializer(serializers.Serializer):
    clarity = _score("Clarity of the question.")
    hints = _score("Timing and usefulness of hints.")
    realism = _score("Realism.")
    time = _score("Time kept.")

    def to_internal_value(self, data):
        # A strict JSON number: "3" or true is not a rating.
        if isinstance(data, dict):
            for key in KEYS:
                value = data.get(key)
                if value is not None and (
                    isinstance(value, bool) or not isinstance(value, int)
                ):
                    raise serializers.ValidationError(
                        {key: ["Rate with a whole number from 1 to 4."]}
                    )
            unknown = sorted(set(data) - set(KEYS))
            if unknown:
                raise serializers.ValidationError(
                    {"ratings": [f"Rate only these parts: {', '.join(KEYS)}."]}
                )
        return super().to_internal_value(data)


class RoundRunWriteSerializer(serializers.Serializer):
    ratings = RoundRunRatingsSerializer()
    comment = text.CharField(required=False, allow_blank=True, max_length=COMMENT_LIMIT)


class RoundRunSerializer(serializers.Serializer):
    round = serializers.IntegerField(source="round_id")
    ratings = RoundRunRatingsSerializer()
    comment = serializers.CharField()
    submitted_at = serializers.DateTimeField()


class RoundRunApi(APIView):
    @extend_schema(
        responses=RoundRunSerializer,
        summary="How the candidate rated the way a round was run",
    )
    def get(self, request, round_id: int):
        round_for_feedback(user=request.user, round_id=round_id)
        feedback = interviewer_feedback_readable(user=request.user, round_id=round_id)
        if feedback is None:
            raise Http404("No rating of this round that you may read.")
        return Response(RoundRunSerializer(feedback).data)

    @extend_schema(
        request=RoundRunWriteSerializer,
        responses={201: RoundRunSerializer},
        summary="Rate how a round I was the candidate of was run",
    )
    def post(self, request, round_id: int):
        round_for_feedback(user=request.user, round_id=round_id)
        serializer = RoundRunWriteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        feedback = interviewer_feedback_submit(
            round_id=round_id,
            author=request.user,
            ratings=dict(serializer.validated_data["ratings"]),
            comment=serializer.validated_data.get("comment", ""),
        )
        return Response(
            RoundRunSerializer(feedback).data, status=status.HTTP_201_CREATED
        )
