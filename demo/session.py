"""The demo's swap-mode phone screen between Alice and Bob, starting a few minutes
after `load_demo` runs, so a newcomer can open the room at once."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from core.errors import ApplicationError
from interviews.models import Format, MockSession, SessionStatus
from interviews.services.rounds import round_question_draw
from interviews.services.sessions import session_accept, session_schedule
from questions.filters import QuestionFilters
from users.models import User

HOST_EMAIL, PARTNER_EMAIL = "alice@mockloop.test", "bob@mockloop.test"
FORMAT_SLUG = "phone-screen-e4-e5"
STARTS_IN = timedelta(minutes=5)
DEMO_CALL = "https://meet.jit.si/mockloop-demo-alice-bob"


def _questions_draw(session) -> None:
    """Each interviewer's questions drawn from the bank, so the room has something
    to reveal at once."""
    for round_ in session.rounds.select_related("interviewer", "candidate"):
        for segment in session.format.segments.filter(questions__gt=0):
            for position in range(segment.questions):
                try:
                    round_question_draw(
                        round_=round_,
                        by=round_.interviewer,
                        segment=segment,
                        position=position,
                        filters=QuestionFilters(),
                    )
                except ApplicationError:
                    return  # an empty bank: the room still works without questions


@transaction.atomic
def demo_session_ensure() -> str:
    """Keep a demo session that has not ended yet; otherwise book a new one."""
    alice = User.objects.filter(email=HOST_EMAIL).first()
    bob = User.objects.filter(email=PARTNER_EMAIL).first()
    if alice is None or bob is None:
        return "Demo session: skipped, the demo accounts are missing."
    current = (
        MockSession.objects.filter(
            participants__user=alice,
            ends_at__gt=timezone.now(),
            status=SessionStatus.SCHEDULED,
            is_demo=True,
        )
        .filter(participants__user=bob)
        .first()
    )
    if current is None:
        starts_at = (timezone.now() + STARTS_IN).replace(second=0, microsecond=0)
        try:
            # Both steps or neither: no half-booked demo left behind.
            with transaction.atomic():
                current = session_schedule(
                    host=alice,
                    partner=bob,
                    format=Format.objects.get(slug=FORMAT_SLUG, owner=None),
                    starts_at=starts_at,
                    swap=True,
                    call_link=DEMO_CALL,
                )
                # Marked before Bob accepts: his time is not taken by the demo.
                MockSession.objects.filter(pk=current.pk).update(is_demo=True)
                session_accept(session=current, user=bob)
                _questions_draw(current)
        except ApplicationError as error:
            return f"Demo session: skipped, {error.message}"
    minutes = max(0, round((current.starts_at - timezone.now()).total_seconds() / 60))
    return (
        f"Demo session: swap-mode phone screen, Alice and Bob, starts in {minutes} "
        f"min at {current.starts_at:%H:%M} UTC (/sessions/{current.pk}/)."
    )
