"""Benchmark: how well and how fast mafqud.names tells same names from different ones.

Pairs come from mafqud.synth: a vocabulary name against an OCR/typing
misreading of it (Arabic–Arabic), against a Latin spelling of it as people
write them (Arabic–Latin), and two Latin spellings of it (Latin–Latin); and
the same with a different name. Half the different names are hard ones: the
nearest other names by how they are said (حسن/حسين, سامر/ماهر), and at the
full-name level brothers, who share father and family name. Scored by
mafqud's ``chain_similarity`` and, in the same run, by rapidfuzz Jaro–Winkler
and DuckDB ``jaro_winkler_similarity`` on the raw strings.

    .venv/bin/python bench/names.py               # 2,000 same + 2,000 different pairs per cell
    .venv/bin/python bench/names.py --pairs 500

Reports ROC-AUC, precision at recall 0.95 and recall at precision 0.95 per
pair type and level, comparisons per second, and names per second for
normalisation + key building. The last line printed is one JSON object.
All data is synthetic.
"""

from __future__ import annotations

import argparse
import json
import random
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass

import duckdb
from rapidfuzz.distance import JaroWinkler, Levenshtein
from rich.console import Console
from rich.table import Table

from mafqud.names import chain_similarity, name_key, normalise_arabic
from mafqud.synth.spellings import SPOKEN, STYLES, latin_spelling, ocr_misreading
from mafqud.synth.vocabulary import FAMILY, FEMALE_GIVEN, MALE_GIVEN

PAIR_TYPES = ("arabic-arabic", "arabic-latin", "latin-latin")
LEVELS = ("given", "full")
TARGET = 0.95
HARD_NEIGHBOURS = 3

Pair = tuple[str, str, bool]


@dataclass
class Quality:
    method: str
    pair_type: str
    level: str
    pairs: int
    roc_auc: float
    precision_at_recall: float
    recall_at_precision: float


class PairMaker:
    """Same/different pairs of synthetic names, seeded."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.given = list(MALE_GIVEN[0] + FEMALE_GIVEN[0])
        self.given_weights = list(MALE_GIVEN[1] + FEMALE_GIVEN[1])
        self.men, self.men_weights = list(MALE_GIVEN[0]), list(MALE_GIVEN[1])
        self.family, self.family_weights = list(FAMILY[0]), list(FAMILY[1])
        self.near = {name: self._nearest(name, self.given) for name in self.given}

    @staticmethod
    def _nearest(name: str, pool: Sequence[str]) -> list[str]:
        """Other names that sound closest (edit distance of how they are said)."""
        spoken = SPOKEN[name]
        others = [other for other in pool if other != name]
        others.sort(key=lambda other: Levenshtein.normalized_distance(spoken, SPOKEN[other]))
        return others[:HARD_NEIGHBOURS]

    def pairs(self, pair_type: str, level: str, count: int) -> list[Pair]:
        made: list[Pair] = []
        for k in range(count):
            person = self.person(level)
            made.append((*self._render(pair_type, person, person), True))
            other = self._other(person, level, hard=k % 2 == 0)
            made.append((*self._render(pair_type, person, other), False))
        return made

    def person(self, level: str) -> list[str]:
        pick = self.rng.choices
        if level == "given":
            return pick(self.given, self.given_weights)
        return [
            *pick(self.given, self.given_weights),
            *pick(self.men, self.men_weights),
            *pick(self.family, self.family_weights),
        ]

    def _other(self, person: list[str], level: str, hard: bool) -> list[str]:
        """A different person: a near-sounding given name (brothers, at full level) or anyone."""
        if hard:
            given = self.rng.choice(self.near[person[0]])
            return [given, *person[1:]]
        while (other := self.person(level)) == person:
            pass
        return other

    def _render(self, pair_type: str, left: list[str], right: list[str]) -> tuple[str, str]:
        rng = self.rng
        if pair_type == "arabic-arabic":
            return " ".join(left), ocr_misreading(" ".join(right), rng)
        if pair_type == "arabic-latin":
            arabic = " ".join(left)
            if rng.random() < 0.3:
                arabic = ocr_misreading(arabic, rng)
            return arabic, self.latin(right)
        return self.latin(left), self.latin(right)

    def latin(self, names: list[str]) -> str:
        style = self.rng.choice(STYLES)
        return " ".join(latin_spelling(name, self.rng, style) for name in names)


def roc_auc(scores: Sequence[float], labels: Sequence[bool]) -> float:
    """Probability that a same pair outscores a different one (ties count half)."""
    ranked = sorted(zip(scores, labels, strict=True), key=lambda item: item[0])
    rank_sum, position, positives = 0.0, 0, sum(labels)
    while position < len(ranked):
        end = position
        while end < len(ranked) and ranked[end][0] == ranked[position][0]:
            end += 1
        mean_rank = (position + 1 + end) / 2
        rank_sum += mean_rank * sum(1 for _, label in ranked[position:end] if label)
        position = end
    negatives = len(labels) - positives
    return (rank_sum - positives * (positives + 1) / 2) / (positives * negatives)


def operating_points(scores: Sequence[float], labels: Sequence[bool]) -> tuple[float, float]:
    """(precision at recall ≥ TARGET, best recall at precision ≥ TARGET) over all thresholds."""
    ranked = sorted(zip(scores, labels, strict=True), key=lambda item: -item[0])
    positives = sum(labels)
    true_positive = 0
    precision_at_recall, recall_at_precision = 0.0, 0.0
    for k, (score, label) in enumerate(ranked, start=1):
        true_positive += label
        if k < len(ranked) and ranked[k][0] == score:
            continue  # a threshold takes all pairs with the same score
        precision, recall = true_positive / k, true_positive / positives
        if recall >= TARGET:
            precision_at_recall = max(precision_at_recall, precision)
        if precision >= TARGET:
            recall_at_precision = max(recall_at_precision, recall)
    return precision_at_recall, recall_at_precision


def score_mafqud(pairs: Sequence[Pair]) -> list[float]:
    return [chain_similarity(a, b) for a, b, _ in pairs]


def score_rapidfuzz(pairs: Sequence[Pair]) -> list[float]:
    return [JaroWinkler.normalized_similarity(a, b) for a, b, _ in pairs]


def score_duckdb(pairs: Sequence[Pair]) -> list[float]:
    connection = duckdb.connect()
    connection.execute("CREATE TABLE pairs (k INTEGER, a VARCHAR, b VARCHAR)")
    connection.executemany(
        "INSERT INTO pairs VALUES (?, ?, ?)", [(k, a, b) for k, (a, b, _) in enumerate(pairs)]
    )
    rows = connection.execute(
        "SELECT jaro_winkler_similarity(a, b) FROM pairs ORDER BY k"
    ).fetchall()
    return [float(row[0]) for row in rows]


METHODS: dict[str, Callable[[Sequence[Pair]], list[float]]] = {
    "mafqud chain_similarity": score_mafqud,
    "rapidfuzz Jaro-Winkler (raw)": score_rapidfuzz,
    "DuckDB jaro_winkler_similarity (raw)": score_duckdb,
}


def comparisons_per_second(
    method: Callable[[Sequence[Pair]], list[float]], pairs: Sequence[Pair]
) -> float:
    started = time.perf_counter()
    method(pairs)
    return len(pairs) / (time.perf_counter() - started)


def key_throughput(samples: dict[str, Sequence[str]]) -> dict[str, float]:
    """Names per second, one core: normalisation alone, and normalisation + key, per sample."""
    figures: dict[str, float] = {}
    for label, names in samples.items():
        work: Callable[[str], object]
        for what, work in (("normalise_arabic", normalise_arabic), ("name_key", name_key)):
            if what == "normalise_arabic" and not label.startswith("arabic"):
                continue
            started = time.perf_counter()
            for name in names:
                work(name)
            figures[f"{what} ({label})"] = round(len(names) / (time.perf_counter() - started))
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--pairs", type=int, default=2000, help="Same pairs per cell.")
    parser.add_argument("--names", type=int, default=200_000, help="Names for throughput figures.")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    console = Console(stderr=True)
    maker = PairMaker(args.seed)

    qualities: list[Quality] = []
    speeds: dict[str, float] = {}
    all_pairs: list[Pair] = []
    for pair_type in PAIR_TYPES:
        for level in LEVELS:
            pairs = maker.pairs(pair_type, level, args.pairs)
            all_pairs += pairs
            labels = [label for _, _, label in pairs]
            for name, method in METHODS.items():
                scores = method(pairs)
                precision, recall = operating_points(scores, labels)
                qualities.append(
                    Quality(name, pair_type, level, len(pairs), round(roc_auc(scores, labels), 4),
                            round(precision, 4), round(recall, 4))
                )  # fmt: skip
    for name, method in METHODS.items():
        speeds[name] = round(comparisons_per_second(method, all_pairs))

    people = [maker.person("full") for _ in range(args.names)]
    throughput = key_throughput(
        {
            "arabic full names": [" ".join(person) for person in people],
            "arabic given names": [person[0] for person in people],
            "latin full names": [maker.latin(person) for person in people[: args.names // 4]],
        }
    )

    table = Table(title="Same name or not (synthetic pairs; same run)")
    for column in ("method", "pairs", "level", "n", "ROC-AUC", f"precision@recall {TARGET}",
                   f"recall@precision {TARGET}"):  # fmt: skip
        table.add_column(column)
    for q in qualities:
        table.add_row(q.method, q.pair_type, q.level, str(q.pairs), f"{q.roc_auc:.3f}",
                      f"{q.precision_at_recall:.3f}", f"{q.recall_at_precision:.3f}")  # fmt: skip
    console.print(table)
    speed_table = Table(title="Throughput (one core)")
    speed_table.add_column("what")
    speed_table.add_column("per second", justify="right")
    for name, value in speeds.items():
        speed_table.add_row(f"{name}: comparisons", f"{value:,.0f}")
    for name, value in throughput.items():
        speed_table.add_row(f"{name}: names", f"{value:,.0f}")
    console.print(speed_table)

    cross = next(
        q for q in qualities
        if q.method.startswith("mafqud") and q.pair_type == "arabic-latin" and q.level == "given"
    )  # fmt: skip
    floors = {
        "cross_script_given_recall_at_precision_0.95": cross.recall_at_precision,
        "cross_script_floor_met": cross.recall_at_precision >= TARGET,
        "name_key_arabic_full_names_per_second": throughput["name_key (arabic full names)"],
        "name_key_floor_met": throughput["name_key (arabic full names)"] >= 200_000,
    }
    console.print(floors)
    print(
        json.dumps(
            {
                "quality": [asdict(q) for q in qualities],
                "comparisons_per_second": speeds,
                "names_per_second": throughput,
                "floors": floors,
                "seed": args.seed,
            },
            ensure_ascii=False,
        )
    )


if __name__ == "__main__":
    main()
