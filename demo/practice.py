"""The demo's own practice and career prep, so that a first run shows them filled:
Alice aims at two companies of the starter bank, has practised on the last three
days (a streak on the home page, days on the heatmap), and keeps two stories and a
brag entry. Written through the services, as Alice would; a second run finds the
stories and writes nothing again."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from career.models import Story
from career.services.brag import brag_entry_create
from career.services.stories import story_create
from demo.session import HOST_EMAIL
from practice.models import PracticeSettings
from questions.models import AttemptOutcome, Company, Question, RoundKind
from questions.services.progress import attempt_log
from users.models import User

STORIES = [
    {
        "title": "The launch that failed its load test",
        "competencies": ["ownership", "impact"],
        "situation": "Two weeks before a launch, the new search API failed its load "
        "test: p99 of 2.1 s against a 300 ms budget.",
        "task": "I owned the API and had to make the date without cutting scope.",
        "action": "Profiled under load, found an N+1 query in the ranking step, "
        "batched the reads and added a cache with a 60 s expiry.",
        "result": "p99 fell to 180 ms; we launched on the day, and the same fix cut "
        "database CPU by 40%.",
        "reflection": "Load tests now run in CI weekly, not only before launches.",
    },
    {
        "title": "Disagreeing on the storage engine",
        "competencies": ["collaboration", "structure"],
        "situation": "A senior colleague wanted a new document store for a "
        "feature I thought PostgreSQL served well.",
        "task": "Decide with the team within a sprint, without a stand-off.",
        "action": "Wrote a one-page comparison with a benchmark on our data, and "
        "asked him to review it before the meeting.",
        "result": "We kept PostgreSQL with a JSONB column; the feature shipped in "
        "3 weeks instead of the 8 a migration would have taken.",
        "reflection": "Data settled it faster than arguments did.",
    },
]


@transaction.atomic
def demo_practice_ensure() -> str:
    alice = User.objects.filter(email=HOST_EMAIL).first()
    if alice is None or Story.objects.filter(owner=alice).exists():
        return "Demo practice and stories: already there."
    settings, _ = PracticeSettings.objects.get_or_create(user=alice)
    settings.target_kinds = [RoundKind.CODING]
    settings.save()
    companies = list(Company.objects.order_by("name")[:2])
    settings.target_companies.set(companies)
    now = timezone.now()
    coding = list(
        Question.objects.filter(kind=RoundKind.CODING)
        .exclude(progress__user=alice)
        .order_by("slug")[:3]
    )
    for days_ago, question in zip((3, 2, 1), coding, strict=False):
        attempt_log(
            user=alice,
            question=question,
            outcome=AttemptOutcome.SOLVED,
            rating=3,
            minutes_planning=12,
            minutes_coding=9,
            now=now - timedelta(days=days_ago),
        )
    entry = brag_entry_create(
        owner=alice,
        day=timezone.localdate(now, alice.zone) - timedelta(days=10),
        what="Cut the search API's p99 from 2.1 s to 180 ms before launch.",
        impact="Launch on time; database CPU down 40%.",
        seen_by="My manager and the search team",
    )
    for story in STORIES:
        story_create(
            owner=alice,
            brag_entry=entry if story is STORIES[0] else None,
            **story,
        )
    return (
        f"Demo practice: Alice aims at {', '.join(c.name for c in companies)}, "
        f"practised on {len(coding)} days, and keeps {len(STORIES)} stories."
    )
