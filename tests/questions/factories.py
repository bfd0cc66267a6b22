import factory

from questions.models import (
    Company,
    CompanyTag,
    Difficulty,
    Question,
    RoundKind,
    Topic,
    Window,
)


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Topic {n}")
    slug = factory.LazyAttribute(lambda topic: topic.name.lower().replace(" ", "-"))


class CompanyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Company
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Company {n}")
    slug = factory.LazyAttribute(lambda company: company.name.lower().replace(" ", "-"))


class QuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Question
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Question number {n}")
    slug = factory.Sequence(lambda n: f"question-number-{n}")
    kind = RoundKind.CODING
    difficulty = Difficulty.MEDIUM
    statement = "Write a function that does the thing.\n\n```python\nprint(1)\n```"
    hints = factory.LazyFunction(lambda: ["Think about a hash map.", "Store indexes."])
    solution_outline = "Use a dictionary from value to index."
    follow_ups = factory.LazyFunction(lambda: ["What if the input is streamed?"])
    expected_complexity = "O(n) time, O(n) space"
    estimated_minutes = 20

    @factory.post_generation
    def topics(self, create, extracted, **kwargs):
        if create and extracted:
            self.topics.set(extracted)
            self.sync_topic_names()


class CompanyTagFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CompanyTag

    question = factory.SubFactory(QuestionFactory)
    company = factory.SubFactory(CompanyFactory)
    window = Window.MONTHS_6
    frequency = 50.0
