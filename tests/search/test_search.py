"""Searching a registry: what is found, in what order, and what bad input gets."""

from __future__ import annotations

import pytest

from mafqud.errors import InvalidInput
from mafqud.registry import transaction
from mafqud.search import Operator, SearchHit, index_pending, query_terms, search
from mafqud.search import candidates as candidates_module
from tests.search.conftest import World, row

OPERATOR = Operator("pytest (synthetic data)")
NAMES = [
    row("r1", given="محمد", father="أحمد", grandfather="خالد", family="الحلبي", mother="فاطمة"),
    row("r2", given="محمود", father="أحمد", family="الحلبي"),
    row("r3", given="عمر", father="سامر", family="البقاعي"),
    row("r4", "حسن علي الكردي"),
    row("r5", "حسين علي الكردي"),
    row("r6", given="محمد", father="أحمد", family="الحمصي", mother="خديجة"),
    row("r7", given="عبد الرحمن", father="يوسف", family="الشامي"),
    row("r8", given="فاطمة", father="محمد", family="المؤمن"),
]


@pytest.fixture
def found(world: World) -> dict[str, str]:
    """Local id → registry id of NAMES, imported into the home organisation's public list."""
    ids = world.ingest("home public", NAMES)
    return {rid.rsplit(".", 1)[1]: rid for rid in ids}


def ask(world: World, query: str, top: int = 10, **options: str) -> list[SearchHit]:
    with transaction(world.engine) as session:
        return search(session, None, query, top, **options)


@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("محمد أحمد خالد الحلبي", "r1"),  # exact
        ("محمد احمد الحلبى", "r1"),  # hamza, alef maqsura; grandfather missing
        ("الحلبي محمد أحمد", "r1"),  # family name first
        ("Mohamad al-Halabi", "r1"),  # transliterated
        ("Mahmoud Ahmad Halabi", "r2"),  # Mahmoud is not Mohamad
        ("غمر سامر اليقاعي", "r3"),  # OCR dots: غمر for عمر, اليقاعي for البقاعي
        ("عمر سامر البقاعى", "r3"),
        ("Hussein Ali al-Kurdi", "r5"),  # brothers kept apart
        ("حسن علي الكردي", "r4"),
        ("Abdul Rahman Youssef al-Shami", "r7"),  # a compound, spaced the Latin way
        ("عبدالرحمن الشامي", "r7"),
        ("فاطمه محمد المومن", "r8"),  # ta marbuta, hamza seat
        ("محمد أحمد الحلبس", "r1"),  # a typo in the family name
    ],
)
def test_the_right_record_comes_first(world: World, found: dict[str, str], query: str,
                                      first: str) -> None:  # fmt: skip
    hits = ask(world, query)
    assert hits, query
    assert hits[0].record_id == found[first], [(h.record_id, h.score) for h in hits]


def test_scores_are_in_order_between_zero_and_one(world: World, found: dict[str, str]) -> None:
    hits = ask(world, "محمد أحمد الحلبي")
    scores = [hit.score for hit in hits]
    assert scores == sorted(scores, reverse=True)
    assert all(0.0 <= s <= 1.0 for s in scores)
    assert len({hit.record_id for hit in hits}) == len(hits)


def test_an_exact_name_scores_higher_than_a_reordered_one(world: World, found: dict[str, str]):
    exact = ask(world, "حسن علي الكردي")[0]
    reordered = ask(world, "الكردي حسن علي")[0]
    assert exact.record_id == reordered.record_id == found["r4"]
    assert reordered.score < exact.score


def test_hits_say_which_fields_matched(world: World, found: dict[str, str]) -> None:
    hit = ask(world, "Mohamad al-Halabi")[0]
    assert hit.matched == {"given_name": "محمد", "family_name": "الحلبي"}
    assert hit.as_dict() == {"record_id": found["r1"], "score": round(hit.score, 4),
                             "matched": hit.matched}  # fmt: skip


def test_the_mothers_name_separates_namesakes(world: World, found: dict[str, str]) -> None:
    plain = ask(world, "محمد أحمد", top=3)
    assert {h.record_id for h in plain} >= {found["r1"], found["r6"]}
    for mother, expected in (("خديجة", "r6"), ("فاطمه", "r1")):
        hits = ask(world, "محمد أحمد", top=3, mother=mother)
        assert hits[0].record_id == found[expected]
        assert hits[0].matched["mother_name"] in ("خديجة", "فاطمة")


def test_top_limits_the_hits(world: World, found: dict[str, str]) -> None:
    assert len(ask(world, "الحلبي", top=1)) == 1
    assert len(ask(world, "الحلبي", top=10)) == 2


def test_a_name_nobody_has_finds_nothing(world: World, found: dict[str, str]) -> None:
    assert ask(world, "Zbigniew Brzezinski") == []


@pytest.mark.parametrize(
    ("query", "top"),
    [("", 10), ("؟!...", 10), ("x" * 10_000, 10), ("محمد\x00", 10), ("محمد", 0), ("محمد", 101)],
)
def test_bad_input_is_refused_not_a_crash(world: World, found: dict[str, str], query: str,
                                          top: int) -> None:  # fmt: skip
    with pytest.raises(InvalidInput):
        ask(world, query, top)


def test_the_operator_reads_every_record(world: World) -> None:
    hidden = world.ingest("outsider restricted", [row("x1", "سامر نزار الدمشقي")])
    with transaction(world.engine) as session:
        assert [h.record_id for h in search(session, OPERATOR, "سامر الدمشقي")] == hidden
        assert search(session, None, "سامر الدمشقي") == []


CROWD = [  # many records share محمد أحمد; only a few share a third unit of the queries
    *(row(f"c{i}", given="محمد", father="أحمد", family=family)
      for i, family in enumerate(["الحمصي", "الشامي", "العلي", "القاسم", "الحسن", "البكري"])),
    row("t1", given="محمد", father="أحمد", grandfather="خالد", family="الحلبي"),
    row("t2", given="أحمد", father="محمد", family="الحلبي"),
    row("t3", given="محمد", father="سامر", family="الحلبي"),
]  # fmt: skip
CROWD_QUERIES = ["محمد أحمد الحلبي", "Mohamad Ahmad Halabi", "الحلبي محمد", "محمد أحمد",
                 "محمد احمد خالد الحلبى"]  # fmt: skip


def test_the_operator_probes_long_pair_lists_and_scores_the_same(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With a budget of 3 postings the محمد أحمد lists (8 records) are probed, not read whole:
    records that share them and a rarer pair keep the same pair score; those that share
    only them are left to the unit lists. Every hit is still one reading whole would give."""
    world.ingest("home restricted", CROWD)
    with transaction(world.engine) as session:
        index_pending(session)
        read_whole = {q: candidates_module._pair_matches(session, OPERATOR, query_terms(q))
                      for q in CROWD_QUERIES}  # fmt: skip
        hits = {q: {h.record_id for h in search(session, OPERATOR, q)} for q in CROWD_QUERIES}
        monkeypatch.setattr(candidates_module, "PAIR_BUDGET", 3)
        for query in CROWD_QUERIES:
            probed = candidates_module._pair_matches(session, OPERATOR, query_terms(query))
            assert probed, query
            assert set(probed) <= set(read_whole[query]), query  # same (doc, public, score)
            assert {h.record_id for h in search(session, OPERATOR, query)} <= hits[query]
        full = candidates_module._pair_matches(session, OPERATOR, query_terms(CROWD_QUERIES[0]))
    assert [score for _doc, _public, score in full] == [54.0, 54.0]  # t1, t2: three pairs each
    assert full == read_whole[CROWD_QUERIES[0]][:2]


def test_a_pair_budget_reads_the_shortest_lists_whole(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    world.ingest("home restricted", CROWD)
    terms = query_terms("محمد أحمد الحلبي")
    pairs = (*terms.pairs, *terms.skeleton_pairs)
    with transaction(world.engine) as session:
        index_pending(session)
        lengths = candidates_module._pair_lengths(session, pairs)
        assert lengths["pHMD MHMD"] == 8  # every CROWD record but t3
        assert lengths["pHLB MHMD"] == 3
        for budget in (0, 3, 6, 100):
            monkeypatch.setattr(candidates_module, "PAIR_BUDGET", budget)
            whole, probed = candidates_module._split_pairs(session, pairs)
            assert sorted(whole + probed) == sorted(pairs)
            assert sum(lengths[pair] for pair in whole) <= budget
            if whole and probed:
                assert max(lengths[p] for p in whole) <= min(lengths[p] for p in probed)
        assert probed == []  # a budget of 100 reads every list
