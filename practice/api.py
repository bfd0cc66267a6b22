"""The practice API: a person's practice settings (GET, PATCH)."""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from core import api_fields as text
from practice.selectors.settings import practice_settings_view
from practice.services.settings import (
    DIGEST_HOURS,
    GOAL_DAYS,
    MAX_TARGET_COMPANIES,
    SET_SIZES,
    practice_settings_update,
)
from questions.models import Company, RoundKind


class StrictIntegerField(serializers.IntegerField):
    """A number as a JSON number: "3" and true are refused, as the schema says."""

    default_error_messages = {"not_number": "Give a whole number, without quotes."}

    def to_internal_value(self, data):
        if not isinstance(data, int) or isinstance(data, bool):
            self.fail("not_number")
        return super().to_internal_value(data)


class PracticeSettingsApi(APIView):
    """What I practise towards: target companies (slugs) and round kinds, questions
    a day, days a week, and the hour (0-23, in my time zone) of my daily digest of
    due reviews, null for none. PATCH changes the fields given; the rest stay."""

    class OutputSerializer(serializers.Serializer):
        target_companies = serializers.ListField(child=text.SlugField())
        target_kinds = serializers.ListField(
            child=serializers.ChoiceField(choices=RoundKind.choices)
        )
        set_size = serializers.IntegerField(min_value=2, max_value=3)
        weekly_goal_days = serializers.IntegerField(min_value=1, max_value=7)
        digest_hour = serializers.IntegerField(
            min_value=0, max_value=23, allow_null=True
        )
        time_zone = text.CharField(help_text="The zone digest_hour is read in.")

    class InputSerializer(serializers.Serializer):
        target_companies = serializers.ListField(
            child=text.SlugField(max_length=120),
            max_length=MAX_TARGET_COMPANIES,
            required=False,
        )
        target_kinds = serializers.ListField(
            child=serializers.ChoiceField(choices=RoundKind.choices),
            max_length=len(RoundKind.values),
            required=False,
        )
        set_size = serializers.ChoiceField(choices=SET_SIZES, required=False)
        weekly_goal_days = StrictIntegerField(
            min_value=GOAL_DAYS.start, max_value=GOAL_DAYS.stop - 1, required=False
        )
        digest_hour = StrictIntegerField(
            min_value=DIGEST_HOURS.start,
            max_value=DIGEST_HOURS.stop - 1,
            allow_null=True,
            required=False,
        )

        def validate_set_size(self, value):
            if not isinstance(self.initial_data.get("set_size"), int):
                raise serializers.ValidationError("Give 2 or 3, without quotes.")
            return value

        def validate_target_companies(self, slugs):
            found = dict(
                Company.objects.filter(slug__in=slugs).values_list("slug", "pk")
            )
            missing = [slug for slug in slugs if slug not in found]
            if missing:
                raise serializers.ValidationError(
                    f"“{missing[0]}” is not a company in the bank."
                )
            return [found[slug] for slug in dict.fromkeys(slugs)]

    def _answer(self, request):
        view = practice_settings_view(user=request.user)
        return Response(
            self.OutputSerializer(
                {
                    "target_companies": view.target_company_slugs,
                    "target_kinds": view.target_kinds,
                    "set_size": view.set_size,
                    "weekly_goal_days": view.weekly_goal_days,
                    "digest_hour": view.digest_hour,
                    "time_zone": request.user.time_zone,
                }
            ).data
        )

    @extend_schema(responses=OutputSerializer)
    def get(self, request):
        return self._answer(request)

    @extend_schema(request=InputSerializer, responses=OutputSerializer)
    def patch(self, request):
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        given = serializer.validated_data
        now = practice_settings_view(user=request.user)
        practice_settings_update(
            user=request.user,
            target_company_ids=given.get("target_companies", now.target_company_ids),
            target_kinds=given.get("target_kinds", now.target_kinds),
            set_size=given.get("set_size", now.set_size),
            weekly_goal_days=given.get("weekly_goal_days", now.weekly_goal_days),
            digest_hour=given.get("digest_hour", now.digest_hour),
        )
        return self._answer(request)
