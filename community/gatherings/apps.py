from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GatheringsConfig(AppConfig):
    name = "community.gatherings"
    label = "gatherings"
    verbose_name = _("Gatherings")

    def ready(self):
        from django.db.models.signals import post_migrate

        from community import navigation
        from community.home.selectors import register_section

        from . import selectors, signals

        post_migrate.connect(signals.grant_on_every_index, sender=self)

        from community.search import register_provider

        from .search import gathering_search_provider

        register_provider(gathering_search_provider)

        navigation.register(
            order=50, label=_("Gatherings"), path="/gatherings/", icon="calendar-days"
        )

        def upcoming_section(user):
            return {
                "template": "community/gatherings/components/home_section.html",
                "upcoming_gatherings": selectors.upcoming(),
            }

        register_section(upcoming_section)

        from community.members.privacy import register_exporter
        from community.members.retention import register_purger

        from .services import registrations_purge

        register_purger("gathering_registrations", registrations_purge)

        def export(user):
            return [
                {
                    "gathering": r.gathering.title,
                    "mode": r.mode,
                    "status": r.status,
                    "registered_at": r.created_at.isoformat(),
                    "pre_work": r.prework,
                    "checked_in_at": r.checked_in_at.isoformat() if r.checked_in_at else None,
                }
                for r in user.gathering_registrations.select_related("gathering")
            ]

        register_exporter("gathering_registrations", export, models=("gatherings.Registration",))

        def export_groups(user):
            from .models import BreakoutMembership, GatheringPage

            return {
                "breakout_groups": [
                    {"session": m.session.title, "group": m.group.name}
                    for m in BreakoutMembership.objects.filter(user=user).select_related(
                        "session", "group"
                    )
                ],
                "organising": list(
                    GatheringPage.objects.filter(organisers=user).values_list("title", flat=True)
                ),
            }

        register_exporter(
            "gathering_groups",
            export_groups,
            models=(
                "gatherings.BreakoutMembership",
                "gatherings.BreakoutGroup",
                "gatherings.GatheringPage",
            ),
        )
