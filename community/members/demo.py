"""Demo accounts for every role. Created only when DEBUG is on."""

from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group

from community.schools.models import MembershipRole, SchoolMembership

from .models import AgeBand, User
from .roles import SiteRole

ORDER = 20
DEMO_PASSWORD = "samspill-demo"  # noqa: S105 -- documented in the README, DEBUG only

# key: (e-mail, display name, language, school, school role, site roles, age band, is_superuser)
ACCOUNTS = {
    "admin": ("admin@demo.samspill.no", "Admin", "nb", None, None, [], "", True),
    "astrid": (
        "astrid@demo.samspill.no",
        "Astrid Haugland",
        "nb",
        "Bergen",
        "teacher",
        [],
        "",
        False,
    ),
    "jon": ("jon@demo.samspill.no", "Jon Raundalen", "nb", "Bergen", "leader", [], "", False),
    "lars": ("lars@demo.samspill.no", "Lars Lie", "nb", "Lørenskog", "leader", [], "", False),
    "kari": ("kari@demo.samspill.no", "Kari Nilsen", "nb", "Gjøvik", "teacher", [], "", False),
    "ola": ("ola@demo.samspill.no", "Ola Berg", "nb", "Trondheim", "teacher", [], "", False),
    "mette": (
        "mette@demo.samspill.dk",
        "Mette Sørensen",
        "da",
        "Herning",
        "teacher",
        [],
        "",
        False,
    ),
    "ingrid": (
        "ingrid@demo.samspill.no",
        "Ingrid H.",
        "nb",
        "Bergen",
        "pupil",
        [],
        AgeBand.OVER_CONSENT_AGE,
        False,
    ),
    "emil": (
        "emil@demo.samspill.no",
        "Emil S.",
        "nb",
        "Bergen",
        "pupil",
        [],
        AgeBand.UNDER_CONSENT_AGE,
        False,
    ),
    "oda": (
        "oda@demo.samspill.no",
        "Oda Organiser",
        "nb",
        "Oslo",
        "teacher",
        [SiteRole.ORGANISER],
        "",
        False,
    ),
    "magnus": (
        "magnus@demo.samspill.no",
        "Magnus Moderator",
        "nb",
        "Stavanger",
        "teacher",
        [SiteRole.MODERATOR],
        "",
        False,
    ),
    "eva": (
        "eva@demo.samspill.no",
        "Eva Editor",
        "en",
        "Bærum",
        "teacher",
        [SiteRole.EDITOR],
        "",
        False,
    ),
}


# Colleagues who fill the forums and gatherings (no login: their passwords are unusable).
# key: (e-mail, display name, language, school's municipality)
COMMUNITY = {
    "sigrid": ("sigrid.aas@demo.samspill.no", "Sigrid Aas", "nb", "Ålesund"),
    "haakon": ("haakon.vik@demo.samspill.no", "Håkon Vik", "nb", "Stavanger"),
    "marte": ("marte.dahl@demo.samspill.no", "Marte Dahl", "nb", "Porsgrunn"),
    "nils": ("nils.eriksen@demo.samspill.no", "Nils Eriksen", "nb", "Bodø"),
    "ragnhild": ("ragnhild.moe@demo.samspill.no", "Ragnhild Moe", "nb", "Stjørdal"),
    "tone": ("tone.lund@demo.samspill.no", "Tone Lund", "nb", "Sandnes"),
    "eirik": ("eirik.solberg@demo.samspill.no", "Eirik Solberg", "nb", "Bærum"),
    "anne": ("anne.grete.holm@demo.samspill.no", "Anne Grete Holm", "nb", "Trondheim"),
    "per": ("per.ivar.strand@demo.samspill.no", "Per Ivar Strand", "nb", "Gjøvik"),
    "silje": ("silje.naess@demo.samspill.no", "Silje Næss", "nb", "Oslo"),
    "yusuf": ("yusuf.ali@demo.samspill.no", "Yusuf Ali", "nb", "Lørenskog"),
    "jens": ("jens.kristensen@demo.samspill.dk", "Jens Kristensen", "da", "Herning"),
    "line": ("line.madsen@demo.samspill.dk", "Line Madsen", "da", "Herning"),
}


def _community(schools) -> dict:
    members = {}
    for key, (email, name, language, place) in COMMUNITY.items():
        user = User.objects.filter(email=email).first() or User(email=email)
        if not user.pk:
            user.set_unusable_password()
        user.display_name = name
        user.language = language
        user.save()
        SchoolMembership.objects.update_or_create(
            user=user, school=schools[place], defaults={"role": MembershipRole.TEACHER}
        )
        members[key] = user
    return members


def seed(context: dict) -> None:
    schools = context["schools"]
    users = {}
    for key, (email, name, language, school, role, roles, age_band, superuser) in ACCOUNTS.items():
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User(email=email)
            user.set_password(DEMO_PASSWORD)
        user.display_name = name
        user.language = language
        user.age_band = age_band
        user.is_superuser = user.is_staff = superuser
        user.save()
        EmailAddress.objects.update_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
        for role_name in roles:
            user.groups.add(Group.objects.get(name=role_name.value))
        if school:
            membership, _ = SchoolMembership.objects.update_or_create(
                user=user, school=schools[school], defaults={"role": role}
            )
            if (
                role == MembershipRole.PUPIL
                and membership.consent_recorded_at is None
                and key == "ingrid"
            ):
                from django.utils import timezone

                membership.consent_recorded_at = timezone.now()
                membership.save(update_fields=["consent_recorded_at"])
        users[key] = user
    context["users"] = users
    context["community"] = _community(schools)
    context["logins"] = [(ACCOUNTS[key][0], _describe(key)) for key in ACCOUNTS]


def _describe(key: str) -> str:
    email, name, language, school, role, roles, age_band, superuser = ACCOUNTS[key]
    if superuser:
        return "superuser (Wagtail and Django admin)"
    parts = [f"{role} at {school}" if school else ""]
    # The terminal shows English whatever the site's default language is.
    parts += [
        {
            "Organisers": "organiser",
            "Community moderators": "moderator",
            "Library editors": "editor",
        }[role.value]
        for role in roles
    ]
    if age_band:
        parts.append(
            "under consent age"
            if age_band == AgeBand.UNDER_CONSENT_AGE
            else "pupil 13+ with consent"
        )
    return ", ".join(p for p in parts if p)
