"""Linking a CSV file end to end: quality on synthetic lists, saved models, bad input."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from mafqud.errors import InvalidInput, UnreadableDocument
from mafqud.linkage import metrics
from mafqud.linkage.features import INPUT_COLUMNS
from mafqud.linkage.standalone import link_records, read_records, write_clusters
from mafqud.synth.linkage import LinkageSpec, generate_linkage_records, write_linkage_csv


@pytest.fixture(scope="module")
def linked(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, str], dict[str, str], Path]:
    folder = tmp_path_factory.mktemp("link")
    info = write_linkage_csv(folder / "records.csv", LinkageSpec(records=2000, seed=5))
    records = read_records(info.path)
    model = folder / "model.json"
    clusters, report = link_records(records, save_model=model)
    assert report.trained and report.records == len(records)
    with info.path.open(encoding="utf-8") as handle:
        truth = {row["record_id"]: row["person_id"] for row in csv.DictReader(handle)}
    return truth, clusters, model


def test_synthetic_lists_link_well(linked: tuple[dict[str, str], dict[str, str], Path]) -> None:
    truth, clusters, _ = linked
    assert set(clusters) == set(truth)
    assert metrics.pairwise(truth, clusters).precision > 0.9
    assert metrics.b_cubed(truth, clusters).f1 > 0.88
    assert len(set(clusters.values())) < len(clusters)  # something was linked


def test_a_failed_training_pass_is_undone(
    linked: tuple[dict[str, str], dict[str, str], Path],
) -> None:
    """On these records one EM pass fails part-way (a level no pair reaches); Splink had
    already set the prior to 0.78, which made brothers one person."""
    import json

    _, _, model_path = linked
    model = json.loads(model_path.read_text(encoding="utf-8"))
    assert 0 < model["probability_two_random_records_match"] < 0.01


def test_a_saved_model_links_a_small_file(
    linked: tuple[dict[str, str], dict[str, str], Path], tmp_path: Path
) -> None:
    import json

    _, _, model_path = linked
    model = json.loads(model_path.read_text(encoding="utf-8"))
    records = list(generate_linkage_records(LinkageSpec(records=60, seed=8)))
    with pytest.raises(InvalidInput, match="too few"):
        link_records(records)
    clusters, report = link_records(records, model=model)
    assert not report.trained and set(clusters) == {r["record_id"] for r in records}


def _write(
    path: Path, rows: list[dict[str, str]], columns: tuple[str, ...] = INPUT_COLUMNS
) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, columns, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
    return path


def test_bad_files_get_clear_errors(tmp_path: Path) -> None:
    cp1256 = tmp_path / "cp1256.csv"
    cp1256.write_bytes("record_id,given_name\n1,محمد\n".encode("cp1256"))
    with pytest.raises(UnreadableDocument, match="not UTF-8"):
        read_records(cp1256)
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    with pytest.raises(InvalidInput, match="no record_id"):
        read_records(empty)
    twice = _write(tmp_path / "twice.csv", [{"record_id": "a"}, {"record_id": "a"}])
    with pytest.raises(InvalidInput, match="occur twice"):
        read_records(twice)
    blank = _write(tmp_path / "blank.csv", [{"record_id": "a"}, {"record_id": ""}])
    with pytest.raises(InvalidInput, match="line 3"):
        read_records(blank)


def test_tiny_inputs_have_defined_results(tmp_path: Path) -> None:
    header_only = _write(tmp_path / "none.csv", [])
    assert read_records(header_only) == []
    assert link_records([])[0] == {}
    one = read_records(_write(tmp_path / "one.csv", [{"record_id": "x", "given_name": "محمد"}]))
    clusters, report = link_records(one)
    assert clusters == {"x": "x"} and report.clusters == 1
    out = tmp_path / "out.csv"
    write_clusters(out, ["x"], clusters)
    assert out.read_text(encoding="utf-8").splitlines() == ["record_id,cluster_id", "x,x"]


def test_names_only_and_empty_columns_still_link(tmp_path: Path) -> None:
    records = [
        {**{c: "" for c in INPUT_COLUMNS}, "record_id": r["record_id"], "full_name": r["full_name"]
         or " ".join(filter(None, (r["given_name"], r["father_name"], r["family_name"])))}
        for r in generate_linkage_records(LinkageSpec(records=600, seed=3))
    ]  # fmt: skip
    clusters, report = link_records(records)
    assert len(clusters) == len(records) and report.pairs_scored > 0


def test_explanations_add_up_to_the_match_weight() -> None:
    from mafqud.linkage import Linkage

    records = list(generate_linkage_records(LinkageSpec(records=1500, seed=6)))
    linkage = Linkage(records, explain=True)
    linkage.train()
    pairs = linkage.predict(0.9)
    assert pairs
    for pair in pairs[:50]:
        assert pair.explanation[0].comparison == "prior"
        total = sum(part.weight for part in pair.explanation)
        assert total == pytest.approx(pair.match_weight, abs=0.05)
        given = next(part for part in pair.explanation if part.comparison == "given")
        assert given.level in {
            "missing",
            "same Arabic name",
            "same key",
            "same letters but for dots (OCR)",
            "similar key",
            "All other comparisons",
        }
