"""Gatherings for tests: build_gathering() makes a published page with a programme."""

from datetime import timedelta

from django.utils import timezone
from wagtail.models import Page

from community import l10n
from community.gatherings import services
from community.gatherings.models import GatheringIndexPage, GatheringPage, Session


def gathering_index() -> GatheringIndexPage:
    index = l10n.originals(GatheringIndexPage.objects).first()
    if index is None:
        home = l10n.originals(Page.objects).get(depth=2)
        index = GatheringIndexPage(title="Gatherings", slug="gatherings")
        home.add_child(instance=index)
        index.save_revision().publish()
    return index


def build_gathering(
    *,
    title="Samspilldag",
    format="hybrid",
    kind="experience-sharing",
    start=None,
    hours=8,
    organisers=(),
    sessions=None,
    publish=True,
    **fields,
) -> GatheringPage:
    """A gathering happening now by default, with a plenary, a panel and group work."""
    start = start or timezone.now() - timedelta(hours=1)
    end = start + timedelta(hours=hours)
    page = GatheringPage(
        title=title,
        slug=fields.pop("slug", None) or f"g-{GatheringPage.objects.count() + 1}",
        kind=kind,
        format=format,
        start=start,
        end=end,
        organiser_name="Samspill",
        **fields,
    )
    gathering_index().add_child(instance=page)
    if sessions is None:
        sessions = [
            ("Plenary", "plenary", 0, 2),
            ("Panel", "panel", 2, 3),
            ("Group work", "group-work", 3, 5),
            ("Lunch", "break", 5, 6),
        ]
    for order, (session_title, session_kind, from_hour, to_hour) in enumerate(sessions):
        page.sessions.add(
            Session(
                title=session_title,
                kind=session_kind,
                sort_order=order,
                start=start + timedelta(hours=from_hour),
                end=start + timedelta(hours=to_hour),
            )
        )
    page.save()
    if organisers:
        page.organisers.set(organisers)
    if publish:
        page.save_revision().publish()
    return GatheringPage.objects.get(pk=page.pk)


def register(gathering, user, mode="online"):
    return services.registration_create(
        gathering=gathering, user=user, mode=mode, now=gathering.start - timedelta(days=1)
    )
