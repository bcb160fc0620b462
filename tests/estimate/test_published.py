"""Our log-linear fits reproduce the estimates published for the same models on the same tables."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mafqud.estimate import fit, read_table, search
from mafqud.estimate.loglinear import parse_terms

DATA = Path(__file__).parents[1] / "data" / "estimate"
PUBLISHED = json.loads((DATA / "published.json").read_text(encoding="utf-8"))


def _table(name: str):
    return read_table(DATA / name)["all"]


def _id(case: dict) -> str:
    return f"{case['data']}:{case['terms'] or 'independence'}"


@pytest.mark.parametrize("case", PUBLISHED["fits"], ids=_id)
def test_fit_reproduces_the_published_estimate(case: dict) -> None:
    table = _table(case["data"])
    result = fit(table, parse_terms(table.lists, case["terms"]))
    assert result.total == pytest.approx(case["N"], rel=1e-4)
    if "published_N" in case:
        assert round(result.total) == pytest.approx(case["published_N"], abs=1)
    if "deviance" in case:
        assert result.deviance == pytest.approx(case["deviance"], abs=2e-3)
    if "df" in case:
        assert result.df == case["df"]
    if "bic" in case:
        assert result.bic == pytest.approx(case["bic"], abs=1e-3)


@pytest.mark.parametrize("case", [c for c in PUBLISHED["fits"] if "interval" in c], ids=_id)
def test_profile_interval_matches_the_reference(case: dict) -> None:
    """The exact profile likelihood; the reference uses Stirling's formula past N = 100, so
    the ends agree to a few tenths of a percent, not to the last digit."""
    table = _table(case["data"])
    result = fit(table, parse_terms(table.lists, case["terms"]))
    low, high = case["interval"]
    assert result.low == pytest.approx(low, rel=5e-3)
    assert result.high == pytest.approx(high, rel=5e-3)
    if "published_interval" in case:
        published_low, published_high = case["published_interval"]
        assert published_low * 0.99 <= result.low and result.high <= published_high * 1.02


@pytest.mark.parametrize("case", PUBLISHED["searches"], ids=lambda c: c["data"])
def test_model_search_picks_the_published_model(case: dict) -> None:
    found = search(_table(case["data"]), case["criterion"], case.get("max_order"))
    assert found.best.model == case["best"]
    assert found.best.total == pytest.approx(case["N"], rel=1e-4)


def test_korea_bic_ranking_is_the_published_one() -> None:
    """Every model of the published BIC table, in the published order."""
    table = _table("korea.csv")
    expected = [c for c in PUBLISHED["fits"] if c["data"] == "korea.csv"]
    tried = dict(search(table, "bic").tried)
    ours = sorted(expected, key=lambda c: tried[fit(table, parse_terms(table.lists, c["terms"]),
                                                     interval=False).model])  # fmt: skip
    assert [c["bic"] for c in ours] == sorted(c["bic"] for c in expected)


def test_max_order_caps_the_search() -> None:
    table = _table("kosovo.csv")
    pairs = search(table, "aic", max_order=2)
    assert all(len(term) <= 2 for term in pairs.best.terms)
    assert pairs.best.model != search(table, "aic").best.model  # the uncapped pick has a triple
    assert search(table, "aic", max_order=1).best.model == "independence"
