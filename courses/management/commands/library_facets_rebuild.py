from django.core.management.base import BaseCommand

from courses.services import resource_facets_rebuild


class Command(BaseCommand):
    help = (
        "Rebuild the library's facet-term table (ResourceFacetTerm) from the live resources, "
        "e.g. after a bulk import that bypassed Wagtail's publish signals."
    )

    def handle(self, *args, **options):
        written = resource_facets_rebuild()
        self.stdout.write(f"Wrote {written} facet rows.")
