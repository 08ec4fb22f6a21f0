"""Named personas as plain functions: the fixtures in tests/conftest.py call them, and
tests that share one set of personas across many cases (the authorisation matrix)
build them once with make_people()."""

from django.contrib.auth.models import Group
from django.utils import timezone

from community.members.models import AgeBand
from community.members.roles import SiteRole
from tests.factories.community import (
    MembershipFactory,
    MunicipalityFactory,
    SchoolFactory,
    UserFactory,
)


def make_bergen():
    municipality = MunicipalityFactory(name="Bergen", slug="bergen")
    return SchoolFactory(
        name="Bergen kulturskole", slug="bergen-kulturskole", municipality=municipality
    )


def make_lorenskog():
    municipality = MunicipalityFactory(name="Lørenskog", slug="lorenskog")
    return SchoolFactory(
        name="Lørenskog kulturskole", slug="lorenskog-kulturskole", municipality=municipality
    )


def _member(school, role, **user_fields):
    user = UserFactory(**user_fields)
    membership = MembershipFactory(user=user, school=school, role=role)
    return user, membership


def make_astrid_teacher(bergen):
    return _member(bergen, "teacher", email="astrid@example.org", display_name="Astrid")[0]


def make_jon_leader(bergen):
    return _member(bergen, "leader", email="jon@example.org", display_name="Jon")[0]


def make_lars_leader(lorenskog):
    return _member(lorenskog, "leader", email="lars@example.org", display_name="Lars")[0]


def make_kari_other_school_teacher(lorenskog):
    return _member(lorenskog, "teacher", email="kari@example.org", display_name="Kari")[0]


def make_ingrid_pupil_14(bergen):
    user, membership = _member(
        bergen,
        "pupil",
        email="ingrid@example.org",
        display_name="Ingrid",
        age_band=AgeBand.OVER_CONSENT_AGE,
    )
    membership.consent_recorded_at = timezone.now()
    membership.save()
    return user


def make_emil_pupil_11(bergen):
    return _member(
        bergen,
        "pupil",
        email="emil@example.org",
        display_name="Emil",
        age_band=AgeBand.UNDER_CONSENT_AGE,
    )[0]


def _with_role(user, role: SiteRole):
    user.groups.add(Group.objects.get(name=role.value))
    return user


def make_oda_organiser():
    return _with_role(UserFactory(email="oda@example.org", display_name="Oda"), SiteRole.ORGANISER)


def make_magnus_moderator():
    return _with_role(
        UserFactory(email="magnus@example.org", display_name="Magnus"), SiteRole.MODERATOR
    )


def make_eva_editor():
    return _with_role(UserFactory(email="eva@example.org", display_name="Eva"), SiteRole.EDITOR)


def make_admin_user():
    return UserFactory(
        email="admin@example.org", display_name="Admin", is_staff=True, is_superuser=True
    )


def people_dict(**personas):
    """Every persona of the authorisation matrix, by its name there."""
    return {
        "bergen": personas["bergen"],
        "lorenskog": personas["lorenskog"],
        "pupil": personas["ingrid_pupil_14"],
        "pupil_no_consent": personas["emil_pupil_11"],
        "teacher": personas["astrid_teacher"],
        "other_school_teacher": personas["kari_other_school_teacher"],
        "leader": personas["jon_leader"],
        "other_school_leader": personas["lars_leader"],
        "organiser": personas["oda_organiser"],
        "moderator": personas["magnus_moderator"],
        "editor": personas["eva_editor"],
        "admin": personas["admin_user"],
    }


def make_people():
    """The same personas as the `people` fixture, built without fixtures (in the
    same order), for data shared by many tests (the authorisation matrix)."""
    bergen, lorenskog = make_bergen(), make_lorenskog()
    return people_dict(
        bergen=bergen,
        lorenskog=lorenskog,
        ingrid_pupil_14=make_ingrid_pupil_14(bergen),
        emil_pupil_11=make_emil_pupil_11(bergen),
        astrid_teacher=make_astrid_teacher(bergen),
        kari_other_school_teacher=make_kari_other_school_teacher(lorenskog),
        jon_leader=make_jon_leader(bergen),
        lars_leader=make_lars_leader(lorenskog),
        oda_organiser=make_oda_organiser(),
        magnus_moderator=make_magnus_moderator(),
        eva_editor=make_eva_editor(),
        admin_user=make_admin_user(),
    )
