from datetime import timedelta

import factory
from allauth.account.models import EmailAddress
from django.utils import timezone

from community.members.models import User
from community.notifications.models import Notification
from community.schools.models import County, Invitation, Municipality, School, SchoolMembership

DEFAULT_PASSWORD = "correct-horse-battery"  # noqa: S105


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"member{n}@example.org")
    display_name = factory.Faker("first_name")
    # Tests read English; the language tests choose their own.
    language = "en"
    password = factory.PostGenerationMethodCall("set_password", DEFAULT_PASSWORD)

    @factory.post_generation
    def verified(obj, create, extracted, **kwargs):
        obj.save()
        if create and extracted is not False:
            EmailAddress.objects.create(user=obj, email=obj.email, verified=True, primary=True)


class CountyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = County
        django_get_or_create = ["slug"]

    name = "Vestland"
    slug = "vestland"
    country = "NO"


class MunicipalityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Municipality
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Kommune {n}")
    slug = factory.Sequence(lambda n: f"kommune-{n}")
    county = factory.SubFactory(CountyFactory)


class SchoolFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = School
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Kulturskole {n}")
    slug = factory.Sequence(lambda n: f"kulturskole-{n}")
    municipality = factory.SubFactory(MunicipalityFactory)


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SchoolMembership

    user = factory.SubFactory(UserFactory)
    school = factory.SubFactory(SchoolFactory)
    role = "teacher"


class InvitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Invitation

    school = factory.SubFactory(SchoolFactory)
    role = "teacher"
    max_uses = 5
    expires_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=7))


class NotificationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Notification

    recipient = factory.SubFactory(UserFactory)
    kind = "test"
    title = factory.Sequence(lambda n: f"Notification {n}")
