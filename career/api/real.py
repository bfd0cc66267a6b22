"""The real interviews API: my loops and their stages (owner-only: anyone else's
answers 404), the write-up after a stage, and the timeline with its warnings."""

import datetime as dt

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from career.api.fields import line, merged, texts
from career.models import STAGE_FORMATS, StageOutcome
from career.selectors.real import (
    real_interview_get_for_user,
    real_interviews_of,
    stage_get_for_user,
    stage_local,
    timeline,
)
from career.services.real import (
    real_interview_create,
    real_interview_delete,
    real_interview_update,
    stage_create,
    stage_delete,
    stage_update,
    stage_write_up,
)
from core import api_fields as text
from feedback.models import SCALE


class StageOutput(serializers.Serializer):
    id = serializers.IntegerField()
    interview = serializers.IntegerField()
    format = serializers.ChoiceField(choices=STAGE_FORMATS)
    date = serializers.DateField(help_text="In the stage's own time zone.")
    time = serializers.CharField(help_text="HH:MM in the stage's own time zone.")
    time_zone = serializers.CharField()
    starts_at = serializers.DateTimeField()
    outcome = serializers.CharField(
        help_text="pending, passed, rejected, offer or withdrawn."
    )
    questions_asked = serializers.ListField(child=serializers.CharField())
    self_ratings = serializers.DictField(child=serializers.IntegerField())
    practise_next = serializers.ListField(child=serializers.CharField())
    write_up = serializers.CharField()
    written_up_at = serializers.DateTimeField(allow_null=True)


def stage_data(stage) -> dict:
    local = stage_local(stage)
    return {
        "id": stage.pk,
        "interview": stage.interview_id,
        "format": stage.format,
        "date": local.date(),
        "time": local.time().strftime("%H:%M"),
        "time_zone": stage.time_zone,
        "starts_at": stage.starts_at.astimezone(dt.UTC),
        "outcome": stage.outcome,
        "questions_asked": [q.slug for q in stage.questions_asked.all()],
        "self_ratings": dict(stage.self_ratings),
        "practise_next": list(stage.practise_next),
        "write_up": stage.write_up,
        "written_up_at": stage.written_up_at,
    }


class InterviewOutput(serializers.Serializer):
    id = serializers.IntegerField()
    company = serializers.CharField(allow_null=True, help_text="The bank's slug.")
    company_name = serializers.CharField()
    role = serializers.CharField()
    level = serializers.CharField()
    group = serializers.CharField(
        help_text="Similar companies share a group: the timeline keeps them close."
    )
    notes = serializers.CharField()
    stages = StageOutput(many=True)


def interview_data(interview) -> dict:
    return {
        "id": interview.pk,
        "company": interview.company.slug if interview.company else None,
        "company_name": interview.company_name,
        "role": interview.role,
        "level": interview.level,
        "group": interview.group,
        "notes": interview.notes,
        "stages": [stage_data(stage) for stage in interview.stages.all()],
    }


class InterviewInput(serializers.Serializer):
    company = text.CharField(
        required=False, allow_blank=True, allow_null=True, max_length=120
    )
    company_name = line()
    role = line()
    level = line()
    group = line()
    notes = line()


def _interview_args(data: dict) -> dict:
    return {
        "company_slug": data.get("company") or "",
        **{
            key: data.get(key) or ""
            for key in ("company_name", "role", "level", "group", "notes")
        },
    }


class InterviewListApi(APIView):
    pagination_class = None

    @extend_schema(responses=InterviewOutput(many=True), summary="My real interviews")
    def get(self, request):
        return Response(
            [interview_data(each) for each in real_interviews_of(user=request.user)]
        )

    @extend_schema(request=InterviewInput, responses={201: InterviewOutput})
    def post(self, request):
        serializer = InterviewInput(data=request.data)
        serializer.is_valid(raise_exception=True)
        interview = real_interview_create(
            owner=request.user, **_interview_args(serializer.validated_data)
        )
        interview = real_interview_get_for_user(
            user=request.user, interview_id=interview.pk
        )
        return Response(interview_data(interview), status=status.HTTP_201_CREATED)


class InterviewDetailApi(APIView):
    @extend_schema(responses=InterviewOutput)
    def get(self, request, pk: int):
        interview = real_interview_get_for_user(user=request.user, interview_id=pk)
        return Response(interview_data(interview))

    def _write(self, request, pk: int, *, partial: bool):
        interview = real_interview_get_for_user(user=request.user, interview_id=pk)
        data = merged(
            InterviewInput, request, interview_data(interview), partial=partial
        )
        real_interview_update(interview=interview, **_interview_args(data))
        interview = real_interview_get_for_user(user=request.user, interview_id=pk)
        return Response(interview_data(interview))

    @extend_schema(request=InterviewInput, responses=InterviewOutput)
    def put(self, request, pk: int):
        return self._write(request, pk, partial=False)

    @extend_schema(request=InterviewInput, responses=InterviewOutput)
    def patch(self, request, pk: int):
        return self._write(request, pk, partial=True)

    @extend_schema(responses={204: None})
    def delete(self, request, pk: int):
        interview = real_interview_get_for_user(user=request.user, interview_id=pk)
        real_interview_delete(interview=interview)
        return Response(status=status.HTTP_204_NO_CONTENT)


class StageInput(serializers.Serializer):
    format = text.CharField(max_length=20)
    date = text.CharField(max_length=10, help_text="YYYY-MM-DD in the stage's zone.")
    time = text.CharField(max_length=8, help_text="HH:MM in the stage's zone.")
    time_zone = text.CharField(max_length=64, help_text="IANA, e.g. Europe/Berlin.")
    outcome = text.CharField(max_length=12, required=False)


def _stage_args(data: dict) -> dict:
    return {
        "format": data["format"],
        "day": str(data["date"]),
        "at": str(data["time"]),
        "time_zone": data["time_zone"],
        "outcome": data.get("outcome") or StageOutcome.PENDING,
    }


class StageListApi(APIView):
    @extend_schema(request=StageInput, responses={201: StageOutput})
    def post(self, request, pk: int):
        interview = real_interview_get_for_user(user=request.user, interview_id=pk)
        serializer = StageInput(data=request.data)
        serializer.is_valid(raise_exception=True)
        stage = stage_create(
            interview=interview, **_stage_args(serializer.validated_data)
        )
        return Response(stage_data(stage), status=status.HTTP_201_CREATED)


class StageDetailApi(APIView):
    @extend_schema(responses=StageOutput)
    def get(self, request, pk: int):
        return Response(stage_data(stage_get_for_user(user=request.user, stage_id=pk)))

    def _write(self, request, pk: int, *, partial: bool):
        stage = stage_get_for_user(user=request.user, stage_id=pk)
        data = merged(StageInput, request, stage_data(stage), partial=partial)
        stage = stage_update(stage=stage, **_stage_args(data))
        return Response(stage_data(stage))

    @extend_schema(request=StageInput, responses=StageOutput)
    def put(self, request, pk: int):
        return self._write(request, pk, partial=False)

    @extend_schema(request=StageInput, responses=StageOutput)
    def patch(self, request, pk: int):
        return self._write(request, pk, partial=True)

    @extend_schema(responses={204: None})
    def delete(self, request, pk: int):
        stage_delete(stage=stage_get_for_user(user=request.user, stage_id=pk))
        return Response(status=status.HTTP_204_NO_CONTENT)


class WriteUpInput(serializers.Serializer):
    questions_asked = texts(help_text="Slugs of the bank's questions asked.")
    self_ratings = serializers.DictField(
        child=serializers.ChoiceField(choices=SCALE),
        required=False,
        help_text="{criterion key of the format's rubric: 1-4}",
    )
    practise_next = texts(help_text="Criterion keys of the format's rubric.")
    write_up = line()


class StageWriteUpApi(APIView):
    """After the stage: the questions asked (each becomes an "asked at" report for
    the bank), a self-assessment on the format's rubric, what to practise next."""

    @extend_schema(request=WriteUpInput, responses=StageOutput)
    def put(self, request, pk: int):
        stage = stage_get_for_user(user=request.user, stage_id=pk)
        serializer = WriteUpInput(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        stage = stage_write_up(
            stage=stage,
            user=request.user,
            question_slugs=data.get("questions_asked") or [],
            self_ratings=data.get("self_ratings") or {},
            practise_next=data.get("practise_next") or [],
            write_up=data.get("write_up") or "",
        )
        return Response(stage_data(stage_get_for_user(user=request.user, stage_id=pk)))


class TimelineWarning(serializers.Serializer):
    kind = serializers.CharField(
        help_text="formats: two formats under three days apart; group: similar "
        "companies far apart."
    )
    message = serializers.CharField()
    stage_ids = serializers.ListField(child=serializers.IntegerField(), required=False)
    interview_ids = serializers.ListField(
        child=serializers.IntegerField(), required=False
    )


class TimelineOutput(serializers.Serializer):
    stages = StageOutput(many=True)
    warnings = TimelineWarning(many=True)


class TimelineApi(APIView):
    @extend_schema(responses=TimelineOutput, summary="My stages in time, with warnings")
    def get(self, request):
        data = timeline(user=request.user)
        return Response(
            {
                "stages": [stage_data(stage) for stage in data["stages"]],
                "warnings": data["warnings"],
            }
        )
