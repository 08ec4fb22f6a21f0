"""Export and erasure of a member's personal data (GDPR articles 15, 17 and 20).

Each app registers what it holds about a member, and names the models its exporter
reads, so a new feature that stores personal data adds itself here rather than being
forgotten by the export. A model that relates to members but is not exported is
registered as excluded, with the reason; tests/community/test_export_completeness.py
fails on a model that is neither.
"""

from collections.abc import Callable, Iterable

Exporter = Callable[[object], object]
_exporters: dict[str, Exporter] = {}
_covered: dict[str, str] = {}
_excluded: dict[str, str] = {}
# Callables (user) -> iterable of (name in the archive, open-able file field).
_file_sources: list[Callable] = []


def register_exporter(name: str, exporter: Exporter, models: Iterable[str] = ()) -> None:
    _exporters[name] = exporter
    for label in models:
        _covered[label] = name


def register_exporter_models(name: str, models: Iterable[str]) -> None:
    """Models written by an exporter registered elsewhere (member_export's own parts)."""
    for label in models:
        _covered[label] = name


def register_excluded(label: str, reason: str) -> None:
    _excluded[label] = reason


def exporters() -> dict[str, Exporter]:
    return dict(_exporters)


def covered_models() -> dict[str, str]:
    """Model label -> the exporter that writes it."""
    return dict(_covered)


def excluded_models() -> dict[str, str]:
    """Model label -> why it is not in the export."""
    return dict(_excluded)


def register_file_source(source: Callable) -> None:
    """Files the member made (uploads, recordings) that the ZIP export carries."""
    _file_sources.append(source)


def member_files(user):
    for source in _file_sources:
        yield from source(user)
