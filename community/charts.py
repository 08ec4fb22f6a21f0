"""Server-drawn SVG charts with a text alternative, shared by every page that shows one.

A chart is plain data (positions already computed here, in whole numbers, so a
Norwegian decimal comma can never break an SVG attribute) that
`templates/components/charts/chart.html` draws: a <figure> with a visible caption, an
inline <svg role="img"> named by the caption and described by one sentence, and the
same figures as a table in <details>. No script, no inline style (the CSP forbids
it): colours and patterns come from classes in `charts.css`, and no series is told
apart by colour alone: the second series is hatched and every bar carries its number.

Three kinds: `bars` (one value per row, horizontal), `stacked_bars` (a few series per
row, horizontal, with a legend) and `columns` (one value per period, vertical).
"""

from collections.abc import Sequence
from dataclasses import dataclass, field

from django.utils.formats import number_format
from django.utils.translation import gettext as _

WIDTH = 480  # viewBox units; the SVG is drawn at this size and shrinks on a phone
LABEL_ROW = 18  # a row label sits above its bar, so long names never squeeze the bars
BAR = 18
GAP = 12
VALUE_SPACE = 92  # room to the right of the longest bar for its number
SEGMENT_TEXT_MIN = 22  # narrower segments carry their number in the table only


@dataclass
class Chart:
    kind: str  # "bars", "stacked" or "columns": the template draws each its own way
    chart_id: str
    caption: str
    summary: str  # one sentence for the SVG's <desc>
    width: int
    height: int
    rows: list = field(default_factory=list)
    legend: list = field(default_factory=list)
    headers: list = field(default_factory=list)  # the table: header cells
    table: list = field(default_factory=list)  # the table: (row header, [cells])
    empty: str = ""

    @property
    def template(self) -> str:
        return f"components/charts/_{self.kind}.html"


def _short(label: str, limit: int = 48) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"


def _percent(count: int, total: int) -> int:
    return round(100 * count / total) if total else 0


def bars(
    rows: Sequence[tuple[str, int]],
    *,
    chart_id: str,
    caption: str,
    label_header: str,
    value_header: str,
    total: int | None = None,
) -> Chart:
    """One horizontal bar per (label, count). With `total`, bars are shares of it and
    show "count (percent %)"; without, they scale to the largest count."""
    top = total if total is not None else max([count for _label, count in rows] + [1])
    span = WIDTH - VALUE_SPACE
    drawn = []
    table = []
    for index, (label, count) in enumerate(rows):
        y = index * (LABEL_ROW + BAR + GAP)
        value = (
            f"{count} ({_percent(count, total)} %)" if total is not None else number_format(count)
        )
        length = round(span * count / top) if top else 0
        drawn.append(
            {
                "label": _short(label),
                "value": value,
                "label_y": y + 13,
                "bar_y": y + LABEL_ROW,
                "length": length,
                "span": span,
                "value_x": length + 6,
                "value_y": y + LABEL_ROW + 14,
            }
        )
        table.append((label, [value]))
    return Chart(
        kind="bars",
        chart_id=chart_id,
        caption=caption,
        summary="; ".join(f"{label}: {cells[0]}" for label, cells in table[:40]),
        width=WIDTH,
        height=max(1, len(rows)) * (LABEL_ROW + BAR + GAP),
        rows=drawn,
        headers=[label_header, value_header],
        table=table,
        empty="" if rows else _("Nothing to show yet."),
    )


def stacked_bars(
    rows: Sequence[tuple[str, Sequence[int]]],
    *,
    series: Sequence[str],
    chart_id: str,
    caption: str,
    label_header: str,
) -> Chart:
    """One horizontal bar per row, cut into one segment per series (at most three:
    solid, hatched, dotted), longest row full width; the row's total at its end."""
    top = max([sum(values) for _label, values in rows] + [1])
    span = WIDTH - VALUE_SPACE
    legend_height = 28  # the legend sits above the bars
    drawn = []
    table = []
    for index, (label, values) in enumerate(rows):
        y = legend_height + index * (LABEL_ROW + BAR + GAP)
        x = 0
        segments = []
        for number, value in enumerate(values):
            length = round(span * value / top)
            if value:
                segments.append(
                    {
                        "style": number,
                        "x": x,
                        "length": length,
                        "value": value,
                        "text_x": x + length // 2,
                        "labelled": length >= SEGMENT_TEXT_MIN,
                    }
                )
            x += length
        total = sum(values)
        drawn.append(
            {
                "label": _short(label),
                "label_y": y + 13,
                "bar_y": y + LABEL_ROW,
                "text_y": y + LABEL_ROW + 14,
                "segments": segments,
                "total": total,
                "total_x": x + 6,
            }
        )
        table.append((label, [*values, total]))
    legend = [
        {"label": name, "style": number, "x": number * 160, "text_x": number * 160 + 24}
        for number, name in enumerate(series)
    ]
    parts = []
    for label, cells in table[:40]:
        named = ", ".join(
            f"{value} {name.lower()}" for value, name in zip(cells[:-1], series, strict=True)
        )
        parts.append(f"{label}: {named}")
    return Chart(
        kind="stacked",
        chart_id=chart_id,
        caption=caption,
        summary="; ".join(parts),
        width=WIDTH,
        height=legend_height + max(1, len(rows)) * (LABEL_ROW + BAR + GAP),
        rows=drawn,
        legend=legend,
        headers=[label_header, *series, _("Total")],
        table=table,
        empty="" if rows else _("Nothing to show yet."),
    )


def columns(
    rows: Sequence[tuple[str, int]],
    *,
    chart_id: str,
    caption: str,
    label_header: str,
    value_header: str,
    long_labels: Sequence[str] | None = None,
    extra: Sequence[tuple[str, Sequence]] = (),
) -> Chart:
    """One vertical column per period (weeks, say), its number above it and the short
    label below. `long_labels` name the periods in the table; `extra` adds columns
    to the table only (header, one value per row)."""
    height = 170
    base = height - 22  # room for the labels under the axis
    room = base - 18  # room above the tallest column for its number
    slot = WIDTH // max(1, len(rows))
    top = max([count for _label, count in rows] + [1])
    drawn = []
    for index, (label, count) in enumerate(rows):
        length = round(room * count / top)
        middle = index * slot + slot // 2
        drawn.append(
            {
                "label": label,
                "value": count,
                "x": index * slot + 4,
                "width": slot - 8,
                "y": base - length,
                "length": length,
                "middle": middle,
                "value_y": base - length - 5,
            }
        )
    names = list(long_labels or [label for label, _count in rows])
    table = []
    for index, (_label, count) in enumerate(rows):
        table.append((names[index], [count, *(values[index] for _header, values in extra)]))
    return Chart(
        kind="columns",
        chart_id=chart_id,
        caption=caption,
        summary=f"{value_header}: "
        + "; ".join(f"{names[i]}: {count}" for i, (_label, count) in enumerate(rows)),
        width=WIDTH,
        height=height,
        rows=drawn,
        headers=[label_header, value_header, *(header for header, _values in extra)],
        table=table,
        empty="" if rows else _("Nothing to show yet."),
    )
