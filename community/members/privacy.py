"""Export and erasure of a member's personal data (GDPR articles 15, 17 and 20).

Each app registers what it holds about a member, so a new feature that stores
personal data adds itself here rather than being forgotten by the export.
"""

from collections.abc import Callable

Exporter = Callable[[object], object]
_exporters: dict[str, Exporter] = {}


def register_exporter(name: str, exporter: Exporter) -> None:
    _exporters[name] = exporter


def exporters() -> dict[str, Exporter]:
    return dict(_exporters)
