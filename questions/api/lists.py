"""Question lists: curated roadmaps (read-only) and my own lists. Another person's
list answers 404, as if it did not exist."""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from core import api_fields as text
from questions.selectors.progress import (
    list_get_for_user,
    list_rows,
    lists_for_user,
    question_get,
)
from questions.services import (
    list_add_question,
    list_create,
    list_delete,
    list_remove_question,
    list_reorder,
    list_update,
)


class ListSummarySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    slug = text.CharField()
    name = text.CharField()
    description = text.CharField()
    is_curated = serializers.BooleanField()
    item_count = serializers.IntegerField(required=False)


class ListItemSerializer(serializers.Serializer):
    position = serializers.IntegerField(source="item.position")
    section = text.CharField(source="item.section")
    question = text.CharField(source="question.slug")
    title = text.CharField(source="question.title")
    my_status = text.CharField(source="progress.status", allow_null=True, default=None)


class ListDetailSerializer(ListSummarySerializer):
    items = ListItemSerializer(many=True, source="rows")


def _list_answer(request, question_list, *, code=status.HTTP_200_OK) -> Response:
    # The items carry my progress on each question, read fresh after any change.
    question_list.rows = list_rows(user=request.user, question_list=question_list)
    return Response(ListDetailSerializer(question_list).data, status=code)


class ListListApi(APIView):
    """Curated roadmaps and my own lists; POST makes a new list of mine."""

    class InputSerializer(serializers.Serializer):
        class Meta:
            ref_name = "ListCreateInput"

        name = text.CharField(max_length=200)
        description = text.CharField(required=False, allow_blank=True)

    @extend_schema(responses=ListSummarySerializer(many=True))
    def get(self, request):
        lists = lists_for_user(user=request.user)
        return Response(ListSummarySerializer(lists, many=True).data)

    @extend_schema(
        request=InputSerializer,
        responses={status.HTTP_201_CREATED: ListDetailSerializer},
    )
    def post(self, request):
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        question_list = list_create(owner=request.user, **serializer.validated_data)
        return _list_answer(request, question_list, code=status.HTTP_201_CREATED)


class ListDetailApi(APIView):
    class InputSerializer(serializers.Serializer):
        class Meta:
            ref_name = "ListUpdateInput"

        name = text.CharField(max_length=200, required=False)
        description = text.CharField(required=False, allow_blank=True)

    @extend_schema(responses=ListDetailSerializer)
    def get(self, request, pk: int):
        question_list = list_get_for_user(user=request.user, list_slug_or_id=pk)
        return _list_answer(request, question_list)

    @extend_schema(request=InputSerializer, responses=ListDetailSerializer)
    def patch(self, request, pk: int):
        question_list = list_get_for_user(user=request.user, list_slug_or_id=pk)
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        list_update(
            user=request.user,
            question_list=question_list,
            **serializer.validated_data,
        )
        return _list_answer(request, question_list)

    @extend_schema(responses={status.HTTP_204_NO_CONTENT: None})
    def delete(self, request, pk: int):
        question_list = list_get_for_user(user=request.user, list_slug_or_id=pk)
        list_delete(user=request.user, question_list=question_list)
        return Response(status=status.HTTP_204_NO_CONTENT)


class ListItemsApi(APIView):
    """POST adds a question to the end of my list; DELETE takes one out."""

    class InputSerializer(serializers.Serializer):
        class Meta:
            ref_name = "ListItemInput"

        question = text.SlugField(max_length=200)

    def _parse(self, request, pk: int):
        question_list = list_get_for_user(user=request.user, list_slug_or_id=pk)
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        return question_list, question_get(slug=serializer.validated_data["question"])

    @extend_schema(
        request=InputSerializer,
        responses={status.HTTP_201_CREATED: ListDetailSerializer},
    )
    def post(self, request, pk: int):
        question_list, question = self._parse(request, pk)
        list_add_question(
            user=request.user, question_list=question_list, question=question
        )
        return _list_answer(request, question_list, code=status.HTTP_201_CREATED)

    @extend_schema(request=InputSerializer, responses=ListDetailSerializer)
    def delete(self, request, pk: int):
        question_list, question = self._parse(request, pk)
        list_remove_question(
            user=request.user, question_list=question_list, question=question
        )
        return _list_answer(request, question_list)


class ListOrderApi(APIView):
    """Put my list in a new order: every question's slug, each exactly once."""

    class InputSerializer(serializers.Serializer):
        class Meta:
            ref_name = "ListOrderInput"

        questions = serializers.ListField(
            child=text.SlugField(max_length=200), max_length=2000
        )

    @extend_schema(request=InputSerializer, responses=ListDetailSerializer)
    def put(self, request, pk: int):
        question_list = list_get_for_user(user=request.user, list_slug_or_id=pk)
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        list_reorder(
            user=request.user,
            question_list=question_list,
            question_slugs=serializer.validated_data["questions"],
        )
        return _list_answer(request, question_list)
