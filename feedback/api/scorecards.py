"""Feedback API: the rubrics, scorecards and self-assessments. Only the author and
the subject read a scorecard, and the subject only once their self-assessment is in
(submitted or skipped); the interviewer reads the self-assessment only once their
scorecard is submitted. Anything else answers 404, as if it did not exist.

Writing: POST makes the one scorecard (or self-assessment) of a round; PATCH saves
a draft; `"submit": true` submits, which needs every criterion rated (and, for a
scorecard, a recommendation). A submitted scorecard is corrected through
`POST /api/scorecards/{id}/correct/`, which opens a new version.
"""

from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from core import api_fields as text
from feedback.models import (
    SCALE,
    LevelSignal,
    Recommendation,
)
from feedback.selectors.rubrics import rubrics_current
from feedback.selectors.scorecards import (
    scorecard_readable,
    scorecards_for,
    self_assessment_readable,
    self_assessments_for,
)
from feedback.services.ratings import (
    FeedbackInput,
    RatingInput,
)
from feedback.services.scorecards import (
    scorecard_correct,
    scorecard_create,
    scorecard_update,
)
from feedback.services.self_assessments import (
    self_assessment_create,
    self_assessment_skip,
    self_assessment_update,
)

# Rubrics ------------------------------------------------------------------------


class CriterionSerializer(serializers.Serializer):
    key = serializers.CharField(help_text="Names the competency across versions.")
    title = serializers.CharField()
    levels = serializers.ListField(
        child=serializers.CharField(),
        help_text="What a 1, 2, 3 and 4 look like, in that order.",
    )


class RubricSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.CharField()
    version = serializers.IntegerField()
    title = serializers.CharField()
    criteria = CriterionSerializer(many=True, source="criteria.all")


class RubricListApi(APIView):
    pagination_class = None

    @extend_schema(
        responses=RubricSerializer(many=True),
        summary="The current rubric of each round kind",
    )
    def get(self, request):
        return Response(RubricSerializer(rubrics_current(), many=True).data)


# Reading feedback ---------------------------------------------------------------


class FeedbackPersonSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class RatingReadSerializer(serializers.Serializer):
    criterion = serializers.CharField(source="criterion.key")
    title = serializers.CharField(source="criterion.title")
    score = serializers.IntegerField(allow_null=True)
    note = serializers.CharField()


class QuestionNoteReadSerializer(serializers.Serializer):
    round_question = serializers.IntegerField(source="round_question_id")
    question = serializers.CharField(source="round_question.question.title")
    text = serializers.CharField()


class RubricRefSerializer(serializers.Serializer):
    kind = serializers.CharField()
    version = serializers.IntegerField()


class ScorecardSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    round = serializers.IntegerField(source="round_id")
    session = serializers.IntegerField(source="round.session_id")
    version = serializers.IntegerField()
    author = FeedbackPersonSerializer()
    subject = FeedbackPersonSerializer()
    rubric = RubricRefSerializer()
    ratings = RatingReadSerializer(many=True, source="ratings.all")
    recommendation = serializers.CharField()
    level_signal = serializers.CharField()
    strengths = serializers.CharField()
    improvements = serializers.CharField()
    notes = serializers.CharField(
        allow_null=True, help_text="The interviewer's working notes: to them only."
    )
    question_notes = QuestionNoteReadSerializer(many=True, source="question_notes.all")
    submitted_at = serializers.DateTimeField(allow_null=True)
    updated_at = serializers.DateTimeField()

    def to_representation(self, instance):
        data = super().to_representation(instance)
        if instance.author_id != self.context["request"].user.pk:
            data["notes"] = None
            # A question never revealed stays the interviewer's, title included.
            shown = {
                note.round_question_id
                for note in instance.question_notes.all()
                if note.round_question.revealed_at is not None
            }
            data["question_notes"] = [
                each
                for each in data["question_notes"]
                if each["round_question"] in shown
            ]
        return data


class SelfAssessmentSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    round = serializers.IntegerField(source="round_id")
    session = serializers.IntegerField(source="round.session_id")
    author = FeedbackPersonSerializer()
    rubric = RubricRefSerializer()
    ratings = RatingReadSerializer(many=True, source="ratings.all")
    went_well = serializers.CharField()
    went_badly = serializers.CharField()
    skipped = serializers.BooleanField()
    submitted_at = serializers.DateTimeField(allow_null=True)
    updated_at = serializers.DateTimeField()


# Writing feedback ---------------------------------------------------------------


class RatingWriteSerializer(serializers.Serializer):
    criterion = text.SlugField(
        help_text="The criterion's key, as /api/rubrics/ names it."
    )
    score = serializers.IntegerField(
        allow_null=True,
        min_value=SCALE[0],
        max_value=SCALE[-1],
        error_messages={
            "min_value": "Rate from 1 to 4.",
            "max_value": "Rate from 1 to 4.",
            "invalid": "Rate with a whole number from 1 to 4.",
        },
    )
    note = text.CharField(required=False, allow_blank=True, max_length=2000)


class QuestionNoteWriteSerializer(serializers.Serializer):
    round_question = serializers.IntegerField()
    text = text.CharField(allow_blank=True, max_length=5000)


class ScorecardWriteSerializer(serializers.Serializer):
    ratings = RatingWriteSerializer(many=True, required=False)
    recommendation = serializers.ChoiceField(
        Recommendation.choices, required=False, allow_blank=True
    )
    level_signal = serializers.ChoiceField(
        LevelSignal.choices, required=False, allow_blank=True
    )
    strengths = text.CharField(required=False, allow_blank=True, max_length=5000)
    improvements = text.CharField(required=False, allow_blank=True, max_length=5000)
    notes = text.CharField(required=False, allow_blank=True, max_length=20000)
    question_notes = QuestionNoteWriteSerializer(many=True, required=False)
    submit = serializers.BooleanField(
        required=False, default=False, help_text="Submit after saving."
    )


class ScorecardCreateSerializer(ScorecardWriteSerializer):
    round = serializers.IntegerField(help_text="The round you interviewed.")


class SelfAssessmentWriteSerializer(serializers.Serializer):
    ratings = RatingWriteSerializer(many=True, required=False)
    went_well = text.CharField(required=False, allow_blank=True, max_length=5000)
    went_badly = text.CharField(required=False, allow_blank=True, max_length=5000)
    submit = serializers.BooleanField(required=False, default=False)


class SelfAssessmentCreateSerializer(SelfAssessmentWriteSerializer):
    round = serializers.IntegerField(help_text="The round you were the candidate of.")
    skip = serializers.BooleanField(
        required=False,
        default=False,
        help_text="Skip rating yourself and read the scorecard now.",
    )


def feedback_input(data: dict) -> FeedbackInput:
    ratings = data.get("ratings")
    return FeedbackInput(
        ratings=None
        if ratings is None
        else [
            RatingInput(
                criterion=each["criterion"],
                score=each["score"],
                note=each.get("note", ""),
            )
            for each in ratings
        ],
        **{
            name: data.get(name)
            for name in (
                "recommendation",
                "level_signal",
                "strengths",
                "improvements",
                "notes",
                "went_well",
                "went_badly",
            )
        },
        question_notes={
            each["round_question"]: each["text"]
            for each in data.get("question_notes") or []
        },
    )


def _parsed(serializer_class, request):
    serializer = serializer_class(data=request.data)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


# Scorecards ---------------------------------------------------------------------


class ScorecardListApi(APIView):
    pagination_class = None

    @extend_schema(
        responses=ScorecardSerializer(many=True),
        summary="Scorecards I wrote, and those about me I may read",
    )
    def get(self, request):
        scorecards = scorecards_for(user=request.user)
        return Response(
            ScorecardSerializer(
                scorecards, many=True, context={"request": request}
            ).data
        )

    @extend_schema(
        request=ScorecardCreateSerializer,
        responses={201: ScorecardSerializer},
        summary="Write the scorecard of a round I interviewed",
    )
    def post(self, request):
        data = _parsed(ScorecardCreateSerializer, request)
        scorecard = scorecard_create(
            round_id=data["round"],
            author=request.user,
            data=feedback_input(data),
            submit=data["submit"],
        )
        scorecard = scorecard_readable(user=request.user, pk=scorecard.pk)
        return Response(
            ScorecardSerializer(scorecard, context={"request": request}).data,
            status=status.HTTP_201_CREATED,
        )


class ScorecardDetailApi(APIView):
    @extend_schema(responses=ScorecardSerializer, summary="One scorecard")
    def get(self, request, pk: int):
        scorecard = scorecard_readable(user=request.user, pk=pk)
        return Response(
            ScorecardSerializer(scorecard, context={"request": request}).data
        )

    @extend_schema(
        request=ScorecardWriteSerializer,
        responses=ScorecardSerializer,
        summary="Save my draft, and submit it if asked",
    )
    def patch(self, request, pk: int):
        scorecard = scorecard_readable(user=request.user, pk=pk)
        if scorecard.author_id != request.user.pk:
            raise Http404("No such scorecard of yours.")
        data = _parsed(ScorecardWriteSerializer, request)
        scorecard_update(
            scorecard_id=pk,
            author=request.user,
            data=feedback_input(data),
            submit=data["submit"],
        )
        scorecard = scorecard_readable(user=request.user, pk=pk)
        return Response(
            ScorecardSerializer(scorecard, context={"request": request}).data
        )


class ScorecardCorrectApi(APIView):
    @extend_schema(
        request=None,
        responses={201: ScorecardSerializer},
        summary="Start a correction: a new draft version of my submitted scorecard",
    )
    def post(self, request, pk: int):
        scorecard = scorecard_readable(user=request.user, pk=pk)
        if scorecard.author_id != request.user.pk:
            raise Http404("No such scorecard of yours.")
        draft = scorecard_correct(round_id=scorecard.round_id, author=request.user)
        draft = scorecard_readable(user=request.user, pk=draft.pk)
        return Response(
            ScorecardSerializer(draft, context={"request": request}).data,
            status=status.HTTP_201_CREATED,
        )


# Self-assessments ---------------------------------------------------------------


class SelfAssessmentListApi(APIView):
    pagination_class = None

    @extend_schema(
        responses=SelfAssessmentSerializer(many=True),
        summary="My self-assessments, and those of my candidates I may read",
    )
    def get(self, request):
        readable = self_assessments_for(user=request.user)
        return Response(SelfAssessmentSerializer(readable, many=True).data)

    @extend_schema(
        request=SelfAssessmentCreateSerializer,
        responses={201: SelfAssessmentSerializer},
        summary="Write (or skip) my self-assessment of a round",
    )
    def post(self, request):
        data = _parsed(SelfAssessmentCreateSerializer, request)
        if data["skip"]:
            assessment = self_assessment_skip(
                round_id=data["round"], author=request.user
            )
        else:
            assessment = self_assessment_create(
                round_id=data["round"],
                author=request.user,
                data=feedback_input(data),
                submit=data["submit"],
            )
        assessment = self_assessment_readable(user=request.user, pk=assessment.pk)
        return Response(
            SelfAssessmentSerializer(assessment).data, status=status.HTTP_201_CREATED
        )


class SelfAssessmentDetailApi(APIView):
    @extend_schema(responses=SelfAssessmentSerializer, summary="One self-assessment")
    def get(self, request, pk: int):
        return Response(
            SelfAssessmentSerializer(
                self_assessment_readable(user=request.user, pk=pk)
            ).data
        )

    @extend_schema(
        request=SelfAssessmentWriteSerializer,
        responses=SelfAssessmentSerializer,
        summary="Save my draft, and submit it if asked",
    )
    def patch(self, request, pk: int):
        assessment = self_assessment_readable(user=request.user, pk=pk)
        if assessment.author_id != request.user.pk:
            raise Http404("No such self-assessment of yours.")
        data = _parsed(SelfAssessmentWriteSerializer, request)
        self_assessment_update(
            assessment_id=pk,
            author=request.user,
            data=feedback_input(data),
            submit=data["submit"],
        )
        return Response(
            SelfAssessmentSerializer(
                self_assessment_readable(user=request.user, pk=pk)
            ).data
        )
