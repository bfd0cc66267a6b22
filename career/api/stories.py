"""The story bank API: my stories (owner-only: anyone else's answers 404), the
coverage of the behavioral rubric's competencies and the bank's behavioral
questions, how a story landed in the rounds it was told in, and the stories picked
in a mock round."""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from career.api.fields import line, merged, texts
from career.selectors.stories import (
    picked_story_get,
    round_get_for_stories,
    stories_for_round,
    stories_of,
    story_coverage,
    story_get_for_user,
    story_landings,
)
from career.services.stories import story_create, story_delete, story_update
from career.services.told import story_mark_told, story_pick, story_unpick
from core import api_fields as text


class StoryOutput(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    situation = serializers.CharField()
    task = serializers.CharField()
    action = serializers.CharField()
    result = serializers.CharField(help_text="What came of it, with its numbers.")
    reflection = serializers.CharField()
    competencies = serializers.ListField(
        child=serializers.CharField(),
        help_text="Criteria keys of the behavioral rubric.",
    )
    questions = serializers.ListField(
        child=serializers.CharField(), help_text="Slugs of behavioral questions."
    )
    brag_entry = serializers.IntegerField(allow_null=True)
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()


def story_data(story) -> dict:
    return {
        "id": story.pk,
        "title": story.title,
        "situation": story.situation,
        "task": story.task,
        "action": story.action,
        "result": story.result,
        "reflection": story.reflection,
        "competencies": list(story.competencies),
        "questions": [q.slug for q in story.questions.all()],
        "brag_entry": story.brag_entry_id,
        "created_at": story.created_at,
        "updated_at": story.updated_at,
    }


class StoryInput(serializers.Serializer):
    title = text.CharField(max_length=200)
    situation = line()
    task = line()
    action = line()
    result = line()
    reflection = line()
    competencies = texts()
    questions = texts()


def _save_args(data: dict) -> dict:
    args = {key: data.get(key, "") for key in StoryInput().fields}
    args["question_slugs"] = args.pop("questions") or []
    args["competencies"] = args["competencies"] or []
    return args


class StoryListApi(APIView):
    pagination_class = None

    @extend_schema(responses=StoryOutput(many=True), summary="My stories")
    def get(self, request):
        stories = stories_of(user=request.user)
        return Response([story_data(story) for story in stories])

    @extend_schema(request=StoryInput, responses={201: StoryOutput})
    def post(self, request):
        serializer = StoryInput(data=request.data)
        serializer.is_valid(raise_exception=True)
        story = story_create(
            owner=request.user, **_save_args(serializer.validated_data)
        )
        return Response(story_data(story), status=status.HTTP_201_CREATED)


class StoryDetailApi(APIView):
    @extend_schema(responses=StoryOutput)
    def get(self, request, pk: int):
        return Response(story_data(story_get_for_user(user=request.user, story_id=pk)))

    def _write(self, request, pk: int, *, partial: bool):
        story = story_get_for_user(user=request.user, story_id=pk)
        data = merged(StoryInput, request, story_data(story), partial=partial)
        story = story_update(story=story, **_save_args(data))
        return Response(story_data(story_get_for_user(user=request.user, story_id=pk)))

    @extend_schema(request=StoryInput, responses=StoryOutput)
    def put(self, request, pk: int):
        return self._write(request, pk, partial=False)

    @extend_schema(request=StoryInput, responses=StoryOutput)
    def patch(self, request, pk: int):
        return self._write(request, pk, partial=True)

    @extend_schema(responses={204: None})
    def delete(self, request, pk: int):
        story_delete(story=story_get_for_user(user=request.user, story_id=pk))
        return Response(status=status.HTTP_204_NO_CONTENT)


class LandingRating(serializers.Serializer):
    key = serializers.CharField()
    title = serializers.CharField()
    score = serializers.IntegerField(allow_null=True)
    note = serializers.CharField()


class LandingOutput(serializers.Serializer):
    round_id = serializers.IntegerField()
    told_at = serializers.DateTimeField()
    held_at = serializers.DateTimeField()
    interviewer = serializers.CharField()
    rubric_kind = serializers.CharField()
    ratings = LandingRating(many=True)
    mean = serializers.FloatField(allow_null=True)
    recommendation = serializers.CharField()
    strengths = serializers.CharField()
    improvements = serializers.CharField()


class StoryLandingsApi(APIView):
    pagination_class = None

    @extend_schema(
        responses=LandingOutput(many=True),
        summary="How a story landed in the rounds it was told in",
    )
    def get(self, request, pk: int):
        story = story_get_for_user(user=request.user, story_id=pk)
        return Response(
            LandingOutput(
                story_landings(user=request.user, story=story), many=True
            ).data
        )


class CoverageOutput(serializers.Serializer):
    class Competency(serializers.Serializer):
        key = serializers.CharField()
        title = serializers.CharField()
        story_ids = serializers.ListField(child=serializers.IntegerField())

    class QuestionRef(serializers.Serializer):
        slug = serializers.CharField()
        title = serializers.CharField()

    stories_count = serializers.IntegerField()
    competencies = Competency(many=True)
    competencies_without_story = serializers.ListField(child=serializers.CharField())
    questions_without_story = QuestionRef(many=True)


class CoverageApi(APIView):
    @extend_schema(
        responses=CoverageOutput,
        summary="Competencies and behavioral questions without a story of mine",
    )
    def get(self, request):
        coverage = story_coverage(user=request.user)
        return Response(
            {
                "stories_count": coverage["stories_count"],
                "competencies": [
                    {
                        "key": c["key"],
                        "title": c["title"],
                        "story_ids": [s.pk for s in c["stories"]],
                    }
                    for c in coverage["competencies"]
                ],
                "competencies_without_story": [
                    c["key"] for c in coverage["competencies_without_story"]
                ],
                "questions_without_story": [
                    {"slug": q.slug, "title": q.title}
                    for q in coverage["questions_without_story"]
                ],
            }
        )


# Stories in a round ----------------------------------------------------------------


class RoundStoryOutput(serializers.Serializer):
    story_id = serializers.IntegerField()
    title = serializers.CharField()
    picked_at = serializers.DateTimeField()
    told_at = serializers.DateTimeField(allow_null=True)
    full = serializers.BooleanField(
        help_text="False for the interviewer until the story is told: title only."
    )
    situation = serializers.CharField(required=False)
    task = serializers.CharField(required=False)
    action = serializers.CharField(required=False)
    result = serializers.CharField(required=False)
    reflection = serializers.CharField(required=False)


class RoundStoryPick(serializers.Serializer):
    story_id = serializers.IntegerField(min_value=1, max_value=2**31 - 1)


class RoundStoriesApi(APIView):
    """The stories the round's candidate picked: in full to them, titles only to the
    interviewer until told. POST (the candidate) picks one of theirs."""

    pagination_class = None

    @extend_schema(responses=RoundStoryOutput(many=True))
    def get(self, request, round_id: int):
        round_ = round_get_for_stories(user=request.user, round_id=round_id)
        return Response(stories_for_round(round=round_, viewer=request.user))

    @extend_schema(request=RoundStoryPick, responses={201: RoundStoryOutput(many=True)})
    def post(self, request, round_id: int):
        round_ = round_get_for_stories(user=request.user, round_id=round_id)
        serializer = RoundStoryPick(data=request.data)
        serializer.is_valid(raise_exception=True)
        story = story_get_for_user(
            user=request.user, story_id=serializer.validated_data["story_id"]
        )
        story_pick(user=request.user, round=round_, story=story)
        return Response(
            stories_for_round(round=round_, viewer=request.user),
            status=status.HTTP_201_CREATED,
        )


class RoundStoryApi(APIView):
    """DELETE (the candidate) takes back a pick not yet told; POST …/told/ (either
    person of the round) marks it told."""

    @extend_schema(responses={204: None})
    def delete(self, request, round_id: int, story_id: int):
        round_ = round_get_for_stories(user=request.user, round_id=round_id)
        story = story_get_for_user(user=request.user, story_id=story_id)
        story_unpick(user=request.user, round=round_, story=story)
        return Response(status=status.HTTP_204_NO_CONTENT)


class RoundStoryToldApi(APIView):
    @extend_schema(request=None, responses=RoundStoryOutput(many=True))
    def post(self, request, round_id: int, story_id: int):
        round_ = round_get_for_stories(user=request.user, round_id=round_id)
        story = picked_story_get(round=round_, story_id=story_id)
        story_mark_told(user=request.user, round=round_, story=story)
        return Response(stories_for_round(round=round_, viewer=request.user))
