"""Chart geometry computed on the server, drawn as inline SVG by `templates/reports/_charts.html`.

No JavaScript and no inline styles (the CSP forbids both): the template only places shapes.
"""

from __future__ import annotations

from dataclasses import dataclass

from desk.reports.figures import Month

WIDTH, HEIGHT = 720, 260
LEFT, RIGHT, TOP, BOTTOM = 48, 12, 16, 40


@dataclass(frozen=True)
class Bar:
    """One month's received bar and replied point."""

    x: float
    y: float
    width: float
    height: float
    label: str
    label_x: float
    received: int
    replied: int
    point_y: float


@dataclass(frozen=True)
class Chart:
    """A bar (received) and line (replied) chart of months."""

    width: int
    height: int
    bars: list[Bar]
    line_points: str
    ticks: list[tuple[float, int]]  # (y, value)
    plot_left: int
    plot_right: int
    baseline: float


def nice_max(value: int) -> int:
    """A round upper bound for the axis (5, 10, 25, 50, 100, 250, …)."""
    bound = 5
    while bound < value:
        for step in (2, 2.5, 2):
            bound = int(bound * step)
            if bound >= value:
                break
    return bound


def trend_chart(months: list[Month]) -> Chart:
    """Bars of letters received and a line of replies per month."""
    top = nice_max(max([m.received for m in months] + [m.replied for m in months] + [1]))
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    baseline = TOP + plot_h
    slot = plot_w / max(len(months), 1)
    bars, points = [], []
    for i, m in enumerate(months):
        height = plot_h * m.received / top
        x = LEFT + i * slot + slot * 0.2
        centre = LEFT + i * slot + slot / 2
        point_y = baseline - plot_h * m.replied / top
        bars.append(
            Bar(
                x=round(x, 1),
                y=round(baseline - height, 1),
                width=round(slot * 0.6, 1),
                height=round(height, 1),
                label=m.short_label,
                label_x=round(centre, 1),
                received=m.received,
                replied=m.replied,
                point_y=round(point_y, 1),
            )
        )
        points.append(f"{centre:.1f},{point_y:.1f}")
    ticks = [(round(baseline - plot_h * k / 4, 1), top * k // 4) for k in range(5)]
    return Chart(
        width=WIDTH,
        height=HEIGHT,
        bars=bars,
        line_points=" ".join(points),
        ticks=ticks,
        plot_left=LEFT,
        plot_right=WIDTH - RIGHT,
        baseline=baseline,
    )
