"""Our scorer follows the matching rules of spec/facts.md."""

from __future__ import annotations

from sitrep.evaluate import Scoreboard, match, pair_up


def test_quantity_matches_on_event_category_and_value_only() -> None:
    gold = {"kind": "quantity", "event": "AID", "category": "tank", "value": 31, "measure": "announced"}
    assert match(gold, {"kind": "quantity", "event": "AID", "category": "tank", "value": 31.0, "measure": "delivered"})
    assert not match(gold, {"kind": "quantity", "event": "AID", "category": "tank", "value": 32})


def test_event_actors_are_a_subset_and_places_spellings_agree() -> None:
    gold = {"kind": "event", "type": "CONSULT", "phase": "held", "actors": ["USA"], "place": "Kiev"}
    assert match(gold, {"kind": "event", "type": "CONSULT", "phase": "held", "actors": ["USA", "UKR"], "place": "Kyiv"})
    assert not match(gold, {"kind": "event", "type": "CONSULT", "phase": "planned", "actors": ["USA"], "place": "Kyiv"})


def test_attribution_alternatives_and_name_overlap() -> None:
    gold = {
        "kind": "attribution",
        "source": "people familiar",
        "source_kind": "anonymous",
        "quote": "will start",
        "alt": [{"source": "Politico", "source_kind": "outlet"}],
    }
    assert match(
        gold, {"kind": "attribution", "source": "Politico", "source_kind": "outlet", "sentence": "It will start."}
    )
    assert not match(
        gold, {"kind": "attribution", "source": "Politico", "source_kind": "person", "sentence": "It will start."}
    )


def test_each_gold_fact_matches_once() -> None:
    gold = [{"kind": "signal", "signal": "opinion", "quote": "bad"}] * 2
    preds = [{"kind": "signal", "signal": "opinion", "sentence": "so bad", "text": "bad"}]
    assert len(pair_up(gold, preds)) == 1


def test_facets_limit_what_counts_against_precision() -> None:
    board = Scoreboard()
    board.add("d", ["event"], [], [{"kind": "signal", "signal": "opinion", "sentence": "x"}])
    assert board.result()["signal"]["fp"] == 0
