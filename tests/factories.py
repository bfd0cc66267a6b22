import factory
from allauth.account.models import EmailAddress

from users.models import User


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.com")
    display_name = factory.Faker("first_name")
    time_zone = "UTC"
    password = factory.PostGenerationMethodCall(
        "set_password", "correct-horse-battery-9"
    )

    @factory.post_generation
    def verified_email(self, create, extracted, **kwargs):
        if create:
            self.save()
            EmailAddress.objects.create(
                user=self, email=self.email, verified=True, primary=True
            )


def round_using_question(
    *, interviewer, candidate, question, revealed=False, status="scheduled"
):
    """A phone-screen round starting now in which `interviewer` asks `question`, in
    a session both accepted (unless `status` says otherwise)."""
    from datetime import timedelta

    from django.utils import timezone

    from interviews.models import (
        Format,
        MockSession,
        Participant,
        ParticipantResponse,
        Round,
        RoundQuestion,
    )

    phone_screen = Format.objects.get(slug="phone-screen-e4-e5", owner=None)
    starts = timezone.now()
    session = MockSession.objects.create(
        host=interviewer,
        format=phone_screen,
        starts_at=starts,
        ends_at=starts + timedelta(minutes=45),
        status=status,
    )
    accepted = ParticipantResponse.ACCEPTED
    Participant.objects.create(
        session=session, user=interviewer, is_host=True, response=accepted
    )
    Participant.objects.create(
        session=session,
        user=candidate,
        response=accepted if status == "scheduled" else ParticipantResponse.PENDING,
    )
    round_ = Round.objects.create(
        session=session, order=0, interviewer=interviewer, candidate=candidate
    )
    RoundQuestion.objects.create(
        round=round_,
        segment=phone_screen.segments.get(kind="coding"),
        position=0,
        question=question,
        revealed_at=starts if revealed else None,
    )
    return round_
