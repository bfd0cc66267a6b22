"""The question bank API: browse with filters, facets, a random draw, one question,
companies and topics."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response
from rest_framework.views import APIView

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

FILTER_PARAMETERS = [
    OpenApiParameter("kind", str, many=True, enum=RoundKind.values),
    OpenApiParameter("difficulty", str, many=True, enum=["easy", "medium", "hard"]),
    OpenApiParameter("topic", str, many=True, description="Topic slugs."),
    OpenApiParameter("company", str, many=True, description="Company slugs."),
    OpenApiParameter("window", str, enum=Window.values),
    OpenApiParameter("search", str, description="Full-text search."),
    OpenApiParameter("ordering", str, enum=list(ORDERINGS)),
    OpenApiParameter("unsolved", bool, description="Hide questions I solved."),
]


class QuestionPagination(PageNumberPagination):
    django_paginator_class = BrowsePaginator
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200


class SourceSerializer(serializers.Serializer):
    name = serializers.CharField()
    url = serializers.CharField()
    license = serializers.CharField()


class QuestionSummarySerializer(serializers.Serializer):
    slug = serializers.CharField()
    title = serializers.CharField()
    kind = serializers.CharField()
    difficulty = serializers.CharField(source="difficulty_slug", allow_null=True)
    topics = serializers.SerializerMethodField()
    link = serializers.CharField()
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
    value = serializers.CharField()
    label = serializers.CharField()
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
    company = serializers.CharField(source="company.slug")
    company_name = serializers.CharField(source="company.name")
    window = serializers.CharField()
    frequency = serializers.FloatField()
    last_seen_on = serializers.DateField(allow_null=True)
    is_sample = serializers.BooleanField()
    source = serializers.CharField(source="source.name", allow_null=True, default=None)


class QuestionDetailSerializer(serializers.Serializer):
    slug = serializers.CharField()
    title = serializers.CharField()
    kind = serializers.CharField()
    difficulty = serializers.CharField(source="difficulty_slug", allow_null=True)
    topics = serializers.SerializerMethodField()
    statement = serializers.CharField()
    link = serializers.CharField()
    expected_complexity = serializers.CharField()
    estimated_minutes = serializers.IntegerField(allow_null=True)
    last_asked_on = serializers.DateField(allow_null=True)
    source = SourceSerializer(allow_null=True)

    def get_topics(self, question) -> list[str]:
        return [topic.slug for topic in question.topics.all()]


class QuestionInterviewerSerializer(QuestionDetailSerializer):
    """Only for those questions.permissions allows; others never get these keys."""

    hints = serializers.ListField(child=serializers.CharField())
    solution_outline = serializers.CharField()
    follow_ups = serializers.ListField(child=serializers.CharField())


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
        slug = serializers.CharField()
        name = serializers.CharField()
        aliases = serializers.ListField(child=serializers.CharField())
        loop_notes = serializers.CharField()
        question_count = serializers.IntegerField()

    @extend_schema(responses=OutputSerializer(many=True))
    def get(self, request):
        return Response(self.OutputSerializer(companies_with_counts(), many=True).data)


class TopicListApi(APIView):
    class OutputSerializer(serializers.Serializer):
        slug = serializers.CharField()
        name = serializers.CharField()
        question_count = serializers.IntegerField()

    @extend_schema(responses=OutputSerializer(many=True))
    def get(self, request):
        return Response(self.OutputSerializer(topics_with_counts(), many=True).data)
