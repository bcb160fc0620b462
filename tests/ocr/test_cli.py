"""`mafqud ocr`: a page image read to JSON; images that cannot be read are refused clearly."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from mafqud.cli import app
from mafqud.errors import UnreadableDocument
from mafqud.synth.pages import (
    PageSpec,
    write_corrupt_image,
    write_decompression_bomb,
    write_pages,
)


def test_a_multipage_tiff_is_read_page_by_page(tmp_path: Path) -> None:
    [tiff] = write_pages(tmp_path, 2, PageSpec(rows=3, seed=7), fmt="tiff", multipage_tiff=True)
    truth = json.loads((tmp_path / "truth.json").read_text(encoding="utf-8"))
    result = CliRunner().invoke(app, ["ocr", str(tiff), "--json"])
    assert result.exit_code == 0, result.output
    pages = json.loads(result.stdout)["pages"]
    assert len(pages) == 2
    for page, expected in zip(pages, truth["pages"], strict=True):
        assert "given_name" in page["fields"] and "mother_name" in page["fields"]
        given = page["fields"].index("given_name")
        read = [row[given]["text"] for row in page["rows"]]
        assert read == [row["given_name"] for row in expected["rows"]]


def test_images_that_cannot_be_read_are_refused(tmp_path: Path) -> None:
    for path in (write_corrupt_image(tmp_path / "torn.png"),
                 write_decompression_bomb(tmp_path / "bomb.png")):  # fmt: skip
        result = CliRunner().invoke(app, ["ocr", str(path)])
        assert result.exit_code == UnreadableDocument.exit_code, result.output
        assert path.name in result.output
