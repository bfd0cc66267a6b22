"""The question bank API: browse with filters, facets, a random draw, one question,
companies and topics."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from core import api_fields as text
from core.pagination import Pages
from questions.filters import ORDERINGS, filters_from_params
from questions.models import RoundKind, Window
from questions.selectors.browse import (
    companies_with_counts,
    question_draw_random,
    question_facets,
    question_get_for_user,
    topics_with_counts,
)
from questions.selectors.browse_pages import BrowsePaginator, question_browse_pages

# An empty value means "any", as the browse page's forms send it.
FILTER_PARAMETERS = [
    OpenApiParameter("kind", str, many=True, enum=["", *RoundKind.values]),
    OpenApiParameter("difficulty", str, many=True, enum=["", "easy", "medium", "hard"]),
    OpenApiParameter("topic", str, many=True, description="Topic slugs."),
    OpenApiParameter("company", str, many=True, description="Company slugs."),
    OpenApiParameter("window", str, enum=["", *Window.values]),
    OpenApiParameter("search", str, description="Full-text search."),
    OpenApiParameter("ordering", str, enum=["", *ORDERINGS]),
    OpenApiParameter("unsolved", bool, description="Hide questions I solved."),
]


class QuestionPagination(Pages):
    django_paginator_class = BrowsePaginator


class SourceSerializer(serializers.Serializer):
    name = text.CharField()
    url = text.CharField()
    license = text.CharField()


class QuestionSummarySerializer(serializers.Serializer):
    slug = text.CharField()
    title = text.CharField()
    kind = text.CharField()
    difficulty = text.CharField(source="difficulty_slug", allow_null=True)
    topics = serializers.SerializerMethodField()
    link = text.CharField()
    estimated_minutes = serializers.IntegerField(allow_null=True)
    frequency = serializers.FloatField(allow_null=True)
    last_asked_on = serializers.DateField(allow_null=True)
    my_status = serializers.SerializerMethodField()
    source = SourceSerializer(allow_null=True)

    def get_topics(self, question) -> list[str]:
        return [topic.slug for topic in question.topics.all()]

    def get_my_status(self, question) -> str | None:
        progress = getattr(question, "my_progress", None)
        return progress[0].status if progress else None


class QuestionListApi(APIView):
    # Read by the schema, which then says the answer is a page, as it is.
    pagination_class = QuestionPagination

    @extend_schema(
        parameters=FILTER_PARAMETERS,
        responses=QuestionSummarySerializer(many=True),
    )
    def get(self, request):
        filters = filters_from_params(request.query_params)
        questions = question_browse_pages(filters=filters, user=request.user)
        paginator = QuestionPagination()
        page = paginator.paginate_queryset(questions, request, view=self)
        data = QuestionSummarySerializer(page, many=True).data
        return paginator.get_paginated_response(data)


class FacetValueSerializer(serializers.Serializer):
    value = text.CharField()
    label = text.CharField()
    count = serializers.IntegerField()
    selected = serializers.BooleanField()


class FacetsSerializer(serializers.Serializer):
    kinds = FacetValueSerializer(many=True)
    difficulties = FacetValueSerializer(many=True)
    topics = FacetValueSerializer(many=True)
    companies = FacetValueSerializer(many=True)


class QuestionFacetsApi(APIView):
    @extend_schema(parameters=FILTER_PARAMETERS, responses=FacetsSerializer)
    def get(self, request):
        filters = filters_from_params(request.query_params)
        facets = question_facets(filters=filters, user=request.user)
        return Response(FacetsSerializer(facets).data)


class QuestionDrawApi(APIView):
    """A random question within the filters that I have not solved."""

    @extend_schema(
        parameters=FILTER_PARAMETERS,
        responses={200: QuestionSummarySerializer, 404: OpenApiTypes.OBJECT},
    )
    def get(self, request):
        filters = filters_from_params(request.query_params)
        question = question_draw_random(filters=filters, candidate=request.user)
        if question is None:
            return Response({"detail": "No question left within these filters."}, 404)
        question.frequency = None
        return Response(QuestionSummarySerializer(question).data)


class CompanyTagSerializer(serializers.Serializer):
    company = text.CharField(source="company.slug")
    company_name = text.CharField(source="company.name")
    window = text.CharField()
    frequency = serializers.FloatField()
    last_seen_on = serializers.DateField(allow_null=True)
    is_sample = serializers.BooleanField()
    source = text.CharField(source="source.name", allow_null=True, default=None)


class QuestionDetailSerializer(serializers.Serializer):
    slug = text.CharField()
    title = text.CharField()
    kind = text.CharField()
    difficulty = text.CharField(source="difficulty_slug", allow_null=True)
    topics = serializers.SerializerMethodField()
    statement = text.CharField()
    link = text.CharField()
    expected_complexity = text.CharField()
    estimated_minutes = serializers.IntegerField(allow_null=True)
    last_asked_on = serializers.DateField(allow_null=True)
    source = SourceSerializer(allow_null=True)

    def get_topics(self, question) -> list[str]:
        return [topic.slug for topic in question.topics.all()]


class QuestionInterviewerSerializer(QuestionDetailSerializer):
    """Only for those questions.permissions allows; others never get these keys."""

    # Not required: most readers (a candidate, anyone but the interviewer of a
    # round that uses the question) never get these keys.
    hints = serializers.ListField(
        child=text.CharField(),
        required=False,
        help_text="Interviewer only: staff, the author, the interviewer of a round.",
    )
    solution_outline = text.CharField(required=False, help_text="Interviewer only.")
    follow_ups = serializers.ListField(
        child=text.CharField(), required=False, help_text="Interviewer only."
    )


class QuestionDetailApi(APIView):
    @extend_schema(responses=QuestionInterviewerSerializer)
    def get(self, request, slug: str):
        view = question_get_for_user(slug=slug, user=request.user)
        serializer_class = (
            QuestionInterviewerSerializer
            if view.shows_interviewer_fields
            else QuestionDetailSerializer
        )
        data = serializer_class(view.question).data
        data["companies"] = CompanyTagSerializer(view.tags, many=True).data
        return Response(data)


class CompanyListApi(APIView):
    class OutputSerializer(serializers.Serializer):
        slug = text.CharField()
        name = text.CharField()
        aliases = serializers.ListField(child=text.CharField())
        loop_notes = text.CharField()
        question_count = serializers.IntegerField()

    @extend_schema(responses=OutputSerializer(many=True))
    def get(self, request):
        return Response(self.OutputSerializer(companies_with_counts(), many=True).data)


class TopicListApi(APIView):
    class OutputSerializer(serializers.Serializer):
        slug = text.CharField()
        name = text.CharField()
        question_count = serializers.IntegerField()

    @extend_schema(responses=OutputSerializer(many=True))
    def get(self, request):
        return Response(self.OutputSerializer(topics_with_counts(), many=True).data)
