from django.http import Http404

from .models import DataExport


def data_export_latest(*, user) -> DataExport | None:
    return user.data_exports.first()


def data_export_for(*, user, pk: int) -> DataExport:
    """The member's own archive; someone else's raises Http404, never shows it."""
    try:
        return DataExport.objects.get(pk=pk, user=user)
    except DataExport.DoesNotExist:
        raise Http404 from None
