"""Sign-in with Feide (Norway) and UNI-Login (Denmark) through django-allauth's OpenID
Connect provider. A member links their account once (My profile → Feide / UNI-Login);
nobody signs up this way (members join by invitation); only the provider's identifier
(`sub`) is kept: the claims it sends (name, e-mail) are dropped before saving.
A school can require it for its teachers and leaders: once linked, their password
sign-in is refused; until then they are sent to link right after signing in.
"""

from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from django.db.models.signals import pre_save
from django.dispatch import receiver

from community.schools.models import MembershipRole, SchoolMembership


def federated_login_required(user) -> bool:
    return SchoolMembership.objects.filter(
        user=user,
        role__in=[MembershipRole.TEACHER, MembershipRole.LEADER],
        school__require_federated_login=True,
    ).exists()


def has_linked_login(user) -> bool:
    return user.socialaccount_set.exists()


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    def is_open_for_signup(self, request, sociallogin):
        # Linking only: an identity that is not linked to a member signs nobody up.
        return False


@receiver(pre_save, sender="socialaccount.SocialAccount", dispatch_uid="federation-minimal")
def keep_only_the_identifier(sender, instance, **kwargs):
    instance.extra_data = {}
