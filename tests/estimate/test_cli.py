"""`mafqud estimate-table` on published and broken tables: figures, JSON, charts, clear refusals."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from mafqud.cli import app
from mafqud.errors import NotIdentifiable

DATA = Path(__file__).parents[1] / "data" / "estimate"


def _run(*args: str) -> object:
    return CliRunner().invoke(app, ["estimate-table", *args])


def test_table_output_keeps_documented_and_estimate_apart() -> None:
    result = _run(str(DATA / "korea.csv"), "--criterion", "bic")
    assert result.exit_code == 0, result.output
    assert "documented" in result.stdout and "estimate" in result.stdout
    assert "157" in result.stdout and "123" in result.stdout


def test_json_carries_the_fit_and_every_model_tried() -> None:
    result = _run(str(DATA / "korea.csv"), "--criterion", "bic", "--json")
    report = json.loads(result.stdout)
    pooled = report["pooled"]
    assert pooled["documented"] == 123
    assert pooled["estimate"] == pytest.approx(157.1667, rel=1e-5)
    assert pooled["undocumented"] == pytest.approx(157.1667 - 123, rel=1e-4)
    assert pooled["model"] == "[b * c][c * d]"
    tried = pooled["details"]["models_tried"]
    assert len(tried) == 8  # every hierarchical model of three lists
    assert [t["bic"] for t in tried if t["bic"] is not None] == sorted(
        t["bic"] for t in tried if t["bic"] is not None
    )
    assert all(t["bic"] is not None or "infinity" in t["note"] for t in tried)
    assert report["strata"] == [] and report["sum_of_strata"] is None


def test_fixed_model_with_terms() -> None:
    result = _run(str(DATA / "kosovo.csv"), "--terms", "EXH:OSCE:HRW,EXH:ABA,ABA:OSCE", "--json")
    assert json.loads(result.stdout)["pooled"]["estimate"] == pytest.approx(18393.31, rel=1e-5)


def test_strata_and_their_sum(tmp_path: Path) -> None:
    path = tmp_path / "strata.csv"
    rows = ["المحافظة,A,B,count"]
    for stratum, (a, b, both) in {"حمص": (80, 60, 20), "حماة": (50, 40, 10)}.items():
        rows += [f"{stratum},1,0,{a}", f"{stratum},0,1,{b}", f"{stratum},1,1,{both}"]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    report = json.loads(_run(str(path), "--by", "المحافظة", "--json").stdout)
    estimates = {row["stratum"]: row["estimate"] for row in report["strata"]}
    assert estimates == pytest.approx({"حمص": 400.0, "حماة": 300.0})  # 80·60/20 + 160, …
    total = report["sum_of_strata"]
    assert total["estimate"] == pytest.approx(700.0)
    assert total["documented"] == 260
    assert total["low"] < 700 < total["high"]


def test_not_identifiable_exits_8_with_the_reason(tmp_path: Path) -> None:
    path = tmp_path / "one.csv"
    path.write_text("A,B,count\n1,0,5\n0,1,7\n", encoding="utf-8")
    result = _run(str(path))
    assert result.exit_code == NotIdentifiable.exit_code
    assert "shares nobody" in result.stderr
    assert "12" in result.stdout  # the documented count is still shown, as documented


def test_bad_lines_exit_2_naming_them(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text("A,B,count\n1,0,5\n0,0,7\n", encoding="utf-8")
    result = _run(str(path))
    assert result.exit_code == 2
    assert "line 3" in result.stderr


def test_charts_are_written(tmp_path: Path) -> None:
    chart, overlap = tmp_path / "estimate.png", tmp_path / "overlap.svg"
    result = _run(str(DATA / "uk_modern_slavery_2013.csv"), "--chart", str(chart),
                  "--overlap-chart", str(overlap))  # fmt: skip
    assert result.exit_code == 0, result.output
    assert chart.read_bytes().startswith(b"\x89PNG")
    assert b"<svg" in overlap.read_bytes()[:500]


def test_chart_format_is_checked(tmp_path: Path) -> None:
    result = _run(str(DATA / "korea.csv"), "--chart", str(tmp_path / "chart.pdf"))
    assert result.exit_code == 2
    assert ".png or .svg" in result.stderr


def test_lcmcr_rejects_a_fixed_model() -> None:
    result = _run(str(DATA / "korea.csv"), "--method", "lcmcr", "--terms", "b:c")
    assert result.exit_code == 2
    assert "log-linear" in result.stderr


def test_trace_chart_for_lcmcr_only(tmp_path: Path) -> None:
    trace = tmp_path / "trace.svg"
    result = _run(str(DATA / "korea.csv"), "--method", "lcmcr", "--iterations", "2000",
                  "--burn-in", "200", "--trace-chart", str(trace), "--json")  # fmt: skip
    assert result.exit_code == 0, result.output
    assert b"<svg" in trace.read_bytes()[:500]
    assert "trace" not in json.loads(result.stdout)["pooled"]  # draws stay out of the JSON
    refused = _run(str(DATA / "korea.csv"), "--trace-chart", str(tmp_path / "t.png"))
    assert refused.exit_code == 2
    assert "--method lcmcr" in refused.stderr
