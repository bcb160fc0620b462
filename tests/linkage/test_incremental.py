"""One new record against linked records: candidates by index, judged like clustering."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from mafqud.linkage.incremental import Matcher, write_index
from mafqud.linkage.standalone import link
from mafqud.synth.linkage import LinkageSpec, generate_linkage_records


def test_new_records_attach_to_the_right_person(tmp_path: Path) -> None:
    records = list(generate_linkage_records(LinkageSpec(records=2500, seed=12)))
    old, new = records[:2300], records[2300:]
    outcome = link(old)
    assert outcome.linkage is not None
    write_index(outcome.linkage, outcome.clusters, tmp_path / "index.duckdb", 0.3)
    matcher = Matcher(tmp_path / "index.duckdb")
    truth = {r["record_id"]: r["person_id"] for r in old}
    members: dict[str, list[str]] = {}
    for record, cluster in outcome.clusters.items():
        members.setdefault(cluster, []).append(record)
    known = {r["person_id"] for r in old}
    decisions: Counter[str] = Counter()
    right = wrong = 0
    for record in new:
        result = matcher.match(record)
        decisions[result.decision] += 1
        if result.decision == "attach":
            assert result.person_id is not None and result.candidates
            people = Counter(truth[r] for r in members[result.person_id])
            if people.most_common(1)[0][0] == record["person_id"]:
                right += 1
            else:
                wrong += 1
        elif result.decision == "new":
            assert result.person_id is None
    assert right > 10 and wrong <= right // 10
    unseen = sum(r["person_id"] not in known for r in new)
    assert decisions["new"] >= unseen // 2


def test_a_missing_index_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="mafqud link"):
        Matcher(tmp_path / "none.duckdb")
