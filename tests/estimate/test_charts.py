"""Chart labels in Arabic reach matplotlib joined and in display order."""

from __future__ import annotations

from pathlib import Path

from mafqud.estimate import CaptureTable
from mafqud.estimate.charts import label, overlap_chart


def test_arabic_labels_are_shaped_and_reversed() -> None:
    shown = label("حلب")
    assert shown != "حلب"
    assert all("\ufe70" <= ch <= "\ufeff" for ch in shown)  # presentation forms: joined letters
    assert shown[0] in ("\ufea2", "\ufe90")  # ب (final) comes first, for left-to-right drawing


def test_latin_labels_are_unchanged() -> None:
    assert label("OSCE") == "OSCE"


def test_overlap_chart_with_arabic_list_names(tmp_path: Path) -> None:
    table = CaptureTable.from_counts(["سجل صيدنايا", "قائمة"], {(1, 0): 5, (0, 1): 3, (1, 1): 2})
    path = tmp_path / "overlap.png"
    overlap_chart(table, path, title="محافظة حمص")
    assert path.stat().st_size > 5_000
