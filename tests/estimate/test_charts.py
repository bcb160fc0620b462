"""Charts with Arabic labels: the letters are joined (shaped), not drawn one by one."""

from __future__ import annotations

from pathlib import Path

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from mafqud.estimate import CaptureTable
from mafqud.estimate.charts import overlap_chart


def _width(text: str) -> float:
    figure = Figure()
    FigureCanvasAgg(figure)
    label = figure.text(0, 0, text, fontsize=20)
    return float(label.get_window_extent(figure.canvas.get_renderer()).width)


def test_matplotlib_joins_arabic_letters() -> None:
    """Four joined ب are half as wide as four isolated ones (U+FE8F); unshaped text would be
    drawn as the isolated forms, letter by letter."""
    assert _width("بببب") < 0.75 * _width("\ufe8f" * 4)


def test_overlap_chart_with_arabic_list_names(tmp_path: Path) -> None:
    table = CaptureTable.from_counts(["سجل صيدنايا", "قائمة"], {(1, 0): 5, (0, 1): 3, (1, 1): 2})
    path = tmp_path / "overlap.png"
    overlap_chart(table, path, title="محافظة حمص")
    assert path.read_bytes().startswith(b"\x89PNG")
    assert path.stat().st_size > 5_000
