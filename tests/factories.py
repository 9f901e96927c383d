"""factory_boy factories for the domain models. Reference data comes from the real loader."""

import factory
from django.contrib.auth import get_user_model

from forces.models import CommandUnit, Force, Region
from grading.models import Criterion, Framework, GradeLevel, GradingScheme
from inspections.models import EvidenceItem, EvidenceKind, EvidenceSource


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.test")
    password = factory.PostGenerationMethodCall("set_password", "secret")

    @factory.post_generation
    def groups(self, create, names, **kwargs):
        from django.contrib.auth.models import Group

        if create and names:
            self.groups.set(Group.objects.filter(name__in=names))
        if create:
            self.save()


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Test region {n}")


class ForceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Force

    name = factory.Sequence(lambda n: f"Testshire {n}")
    formal_name = factory.LazyAttribute(lambda force: f"{force.name} Constabulary")
    short_name = factory.Sequence(lambda n: f"T{n}")
    slug = factory.Sequence(lambda n: f"testshire-{n}")
    region = factory.SubFactory(RegionFactory)
    is_fictional = True


class CommandUnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CommandUnit

    force = factory.SubFactory(ForceFactory)
    name = factory.Sequence(lambda n: f"Division {n}")
    order = factory.Sequence(lambda n: n)
    population = 250_000
    households = 100_000


class GradingSchemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GradingScheme

    code = factory.Sequence(lambda n: f"scheme-{n}")
    name = factory.Sequence(lambda n: f"Scheme {n}")


class GradeLevelFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GradeLevel

    scheme = factory.SubFactory(GradingSchemeFactory)
    rank = factory.Sequence(lambda n: n + 1)
    label = factory.Sequence(lambda n: f"Grade {n}")
    descriptor = "A test grade."


class FrameworkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Framework

    code = factory.Sequence(lambda n: f"area-{n}")
    version = "2099"
    name = factory.Sequence(lambda n: f"Test area {n}")
    scheme = factory.SubFactory(GradingSchemeFactory)


class CriterionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Criterion

    framework = factory.SubFactory(FrameworkFactory)
    order = factory.Sequence(lambda n: n + 1)
    heading = factory.Sequence(lambda n: f"Criterion heading {n}.")
    statement_template = "Work happens in {coverage: all / most / some} places."


class EvidenceItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EvidenceItem

    kind = EvidenceKind.STRENGTH
    order = factory.Sequence(lambda n: n + 1)
    text = factory.Faker("paragraph")
    source = EvidenceSource.INTERVIEW
    author = factory.SubFactory(UserFactory)
