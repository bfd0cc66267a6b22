"""My progress, attempts and review queue, and "asked at" reports. Every answer is
about the person asking; nobody reads another person's progress."""

from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from core import api_fields as text
from core.pagination import Pages
from questions.models import AttemptOutcome, ProgressStatus, ReviewRating, RoundKind
from questions.selectors.progress import (
    attempts_for_question,
    due_queue,
    progress_for_question,
    progress_for_user,
    question_get,
)
from questions.services import (
    asked_report_create,
    attempt_log,
    progress_mark_for_review,
)
from questions.services.progress import MAX_MINUTES, MAX_NOTE_LENGTH


class ProgressPagination(Pages):
    pass


class ProgressSerializer(serializers.Serializer):
    question = text.CharField(source="question.slug")
    title = text.CharField(source="question.title")
    status = serializers.ChoiceField(choices=ProgressStatus.choices)
    marked_for_review = serializers.BooleanField()
    due_at = serializers.DateTimeField(allow_null=True)
    last_attempt_at = serializers.DateTimeField(allow_null=True)


class AttemptSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    created_at = serializers.DateTimeField()
    minutes_planning = serializers.IntegerField(allow_null=True)
    minutes_coding = serializers.IntegerField(allow_null=True)
    outcome = serializers.ChoiceField(choices=AttemptOutcome.choices)
    rating = serializers.ChoiceField(choices=ReviewRating.choices, allow_null=True)
    note = text.CharField()


class ProgressListApi(APIView):
    """My questions with any history: attempted, solved or marked for review."""

    # Read by the schema, which then says the answer is a page, as it is.
    pagination_class = ProgressPagination

    @extend_schema(responses=ProgressSerializer(many=True))
    def get(self, request):
        paginator = ProgressPagination()
        rows = progress_for_user(user=request.user)
        page = paginator.paginate_queryset(rows, request, view=self)
        return paginator.get_paginated_response(
            ProgressSerializer(page, many=True).data
        )


class ProgressDueApi(APIView):
    """What I should review today (in my time zone), and what comes later."""

    class OutputSerializer(serializers.Serializer):
        class Meta:
            ref_name = "ReviewQueue"

        due = ProgressSerializer(many=True)
        upcoming_count = serializers.IntegerField()
        next_due_at = serializers.DateTimeField(allow_null=True)

    @extend_schema(responses=OutputSerializer)
    def get(self, request):
        queue = due_queue(user=request.user, now=timezone.now())
        return Response(self.OutputSerializer(queue).data)


class ProgressDetailApi(APIView):
    """My progress on one question and its attempts, newest first."""

    class OutputSerializer(serializers.Serializer):
        class Meta:
            ref_name = "ProgressDetail"

        progress = ProgressSerializer(allow_null=True)
        attempts = AttemptSerializer(many=True)

    @extend_schema(responses=OutputSerializer)
    def get(self, request, slug: str):
        question = question_get(slug=slug)
        data = {
            "progress": progress_for_question(user=request.user, question=question),
            "attempts": attempts_for_question(user=request.user, question=question),
        }
        return Response(self.OutputSerializer(data).data)


class ProgressMarkApi(APIView):
    """Mark a question for re-review (it is due at once), or unmark it."""

    class InputSerializer(serializers.Serializer):
        class Meta:
            ref_name = "ProgressMarkInput"

        marked = serializers.BooleanField(default=True)

    @extend_schema(request=InputSerializer, responses=ProgressSerializer)
    def post(self, request, slug: str):
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        progress = progress_mark_for_review(
            user=request.user,
            question=question_get(slug=slug),
            **serializer.validated_data,
        )
        return Response(ProgressSerializer(progress).data)


class AttemptCreateApi(APIView):
    """Log an attempt; a rating (1 Again … 4 Easy) schedules the next review."""

    class InputSerializer(serializers.Serializer):
        class Meta:
            ref_name = "AttemptCreateInput"

        minutes_planning = serializers.IntegerField(
            min_value=0, max_value=MAX_MINUTES, required=False, allow_null=True
        )
        minutes_coding = serializers.IntegerField(
            min_value=0, max_value=MAX_MINUTES, required=False, allow_null=True
        )
        outcome = serializers.ChoiceField(choices=AttemptOutcome.choices)
        rating = serializers.ChoiceField(
            choices=ReviewRating.choices, required=False, allow_null=True
        )
        note = text.CharField(
            max_length=MAX_NOTE_LENGTH, required=False, allow_blank=True
        )

    class OutputSerializer(serializers.Serializer):
        class Meta:
            ref_name = "AttemptCreated"

        attempt = AttemptSerializer()
        progress = ProgressSerializer()

    @extend_schema(
        request=InputSerializer, responses={status.HTTP_201_CREATED: OutputSerializer}
    )
    def post(self, request, slug: str):
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        attempt = attempt_log(
            user=request.user,
            question=question_get(slug=slug),
            **{"rating": None, **serializer.validated_data},
        )
        data = {"attempt": attempt, "progress": attempt.progress}
        return Response(self.OutputSerializer(data).data, status.HTTP_201_CREATED)


class AskedReportCreateApi(APIView):
    """Report that a company asked a question on a day; it feeds the company tags."""

    class InputSerializer(serializers.Serializer):
        class Meta:
            ref_name = "AskedReportInput"

        question = text.SlugField(max_length=200)
        company = text.SlugField(max_length=120)
        asked_on = serializers.DateField()
        round_kind = serializers.ChoiceField(choices=RoundKind.choices)
        level = text.CharField(max_length=40, required=False, allow_blank=True)

    class OutputSerializer(serializers.Serializer):
        class Meta:
            ref_name = "AskedReport"

        id = serializers.IntegerField()
        question = text.CharField(source="question.slug")
        company = text.CharField(source="company.slug")
        asked_on = serializers.DateField()
        round_kind = text.CharField()
        level = text.CharField()

    @extend_schema(
        request=InputSerializer, responses={status.HTTP_201_CREATED: OutputSerializer}
    )
    def post(self, request):
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        report = asked_report_create(
            reporter=request.user,
            question_slug=data["question"],
            company_slug=data["company"],
            asked_on=data["asked_on"],
            round_kind=data["round_kind"],
            level=data.get("level", ""),
        )
        return Response(self.OutputSerializer(report).data, status.HTTP_201_CREATED)
