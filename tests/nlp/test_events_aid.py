"""AID events: who gives, what counts as aid, one event per sum and per named donor."""

from __future__ import annotations

from collections.abc import Callable

from sitrep.model import Report

Analyze = Callable[..., Report]


def _aid(report: Report) -> list[tuple[str | None, tuple[str, ...], float | None]]:
    return [(e.phase, e.actors, e.value_usd) for e in report.events if e.type == "AID"]


def test_thanked_party_is_the_giver(analyze_text: Analyze) -> None:
    report = analyze_text("The Prime Minister of Ukraine thanked Norway for sending a NASAMS battery to Ukraine.")
    assert [a[1][0] for a in _aid(report)] == ["NOR"]


def test_giver_is_not_taken_from_a_clause_inside_the_phrase(analyze_text: Analyze) -> None:
    text = (
        "The United States is strengthening Kyiv's defenses, including the May 3 announcement of $90 million "
        "in ammunition that will help counter the Russian use of drones."
    )
    assert all(a[1][0] != "RUS" for a in _aid(analyze_text(text)))


def test_coordinated_sums_are_separate_decisions(analyze_text: Analyze) -> None:
    text = (
        "Canada has allocated $40 million in military aid and another $15 million in humanitarian assistance "
        "for Ukraine."
    )
    sums = sorted(a[2] or 0 for a in _aid(analyze_text(text)) if a[1][:1] == ("CAN",))
    assert sums == [15_000_000, 40_000_000]


def test_each_donor_named_by_a_participle_is_an_event(analyze_text: Analyze) -> None:
    text = (
        "The allies announced that they are sending Ukraine more air defense, including IRIS-T systems "
        "donated by Germany and Spain, and a NASAMS battery donated by Norway."
    )
    givers = {a[1][0] for a in _aid(analyze_text(text))}
    assert {"DEU", "ESP", "NOR"} <= givers


def test_members_listed_after_including_are_givers(analyze_text: Analyze) -> None:
    text = (
        "Several partners, including Sweden and Finland, will take part in the delivery of these air defense "
        "systems to Ukraine."
    )
    givers = {a[1][0] for a in _aid(analyze_text(text))}
    assert {"SWE", "FIN"} <= givers


def test_unnamed_givers_do_not_borrow_the_last_donor(analyze_text: Analyze) -> None:
    text = (
        "Germany sent ten howitzers to Ukraine. "
        "Dozens of countries have provided military assistance to Ukraine since then."
    )
    assert len(_aid(analyze_text(text))) == 1


def test_people_and_enemy_equipment_are_not_aid(analyze_text: Analyze) -> None:
    text = (
        "We need to restore the school so that the children can return. "
        "Ukrainian Javelins halted the Russian tanks near the capital. "
        "The troops will deliver heavy blows to the Russian military."
    )
    assert _aid(analyze_text(text)) == []


def test_an_update_on_aid_is_not_a_delivery(analyze_text: Analyze) -> None:
    text = "President Biden provided an update on forthcoming U.S. security assistance to Ukraine."
    assert _aid(analyze_text(text)) == []


def test_future_arrival_is_a_dated_delivery(analyze_text: Analyze) -> None:
    text = "The United States will send Ukraine ten tanks. The tanks will arrive in Ukraine next week."
    assert "delivered" in {a[0] for a in _aid(analyze_text(text))}


def test_commitment_by_a_named_body_gives(analyze_text: Analyze) -> None:
    text = "The leaders welcomed the commitment by the European Union to provide $5 billion in military aid to Ukraine."
    assert [a[1][0] for a in _aid(analyze_text(text))] == ["EU"]


def test_a_pronoun_owner_does_not_hand_the_aid_to_the_enemy(analyze_text: Analyze) -> None:
    text = (
        "The two leaders discussed Ukraine as Russia's invasion enters its third year, including their "
        "commitment to continue providing Ukraine with security assistance."
    )
    assert all(a[1][0] != "RUS" for a in _aid(analyze_text(text)))
