"""Language identification: English passes, other languages are refused by name."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitrep.errors import InputError
from sitrep.ingest import read_text
from sitrep.ingest.language import dominant_script, identify, stopwords

FOREIGN = {
    "de": "Die Bundesregierung hat am Montag weitere Waffenlieferungen an die Ukraine angekündigt. "
    "Nach Angaben des Ministeriums sollen auch Systeme zur Flugabwehr geliefert werden.",
    "fr": "Le gouvernement français a annoncé lundi l'envoi de nouveaux canons Caesar à l'Ukraine. "
    "Selon le ministère des Armées, ces livraisons doivent renforcer la défense du pays.",
    "es": "El Gobierno de España anunció el lunes el envío de nuevos sistemas de defensa aérea a Ucrania. "
    "Según el Ministerio de Defensa, la entrega se realizará en las próximas semanas.",
    "it": "Il governo italiano ha annunciato che invierà nuovi sistemi di difesa aerea all'Ucraina. "
    "Secondo il ministero della Difesa, le consegne sono previste per il mese prossimo.",
    "pl": "Rząd Polski poinformował w poniedziałek, że przekaże Ukrainie kolejne czołgi. "
    "Według ministerstwa obrony dostawy mają rozpocząć się jeszcze w tym miesiącu.",
    "nl": "De Nederlandse regering heeft maandag aangekondigd dat zij nieuwe luchtverdedigingssystemen "
    "aan Oekraïne zal leveren. Volgens het ministerie van Defensie gebeurt dat nog deze maand.",
    "uk": "Президент України Володимир Зеленський заявив, що Україна отримає нові системи "
    "протиповітряної оборони від партнерів. Він подякував союзникам за підтримку.",
    "ru": "Президент России провел телефонный разговор с президентом Азербайджана. Стороны обсудили "
    "вопросы двустороннего сотрудничества и договорились продолжить регулярные контакты.",
    "ar": "أعلنت الحكومة الأوكرانية يوم الاثنين أنها تلقت أنظمة دفاع جوي جديدة من شركائها الغربيين.",
    "zh": "乌克兰政府周一宣布，已从西方伙伴处获得新的防空系统。",
}


@pytest.mark.parametrize("code", sorted(FOREIGN))
def test_foreign_paragraph_is_refused(code: str) -> None:
    with pytest.raises(InputError) as info:
        read_text(FOREIGN[code], doc="foreign.txt")
    assert str(info.value) == f"foreign.txt: text is not English (detected: {code})"


def test_gold_documents_are_english(shared: Path) -> None:
    for path in sorted((shared / "gold/docs").glob("*.txt")):
        assert identify(path.read_text(encoding="utf-8")) == "en", path.name


def test_short_english_headline_and_body() -> None:
    article = read_text("Drones hit Kyiv\n\nRussia launched 40 drones at Kyiv overnight, officials said.")
    assert article.language == "en"
    assert identify("Russia launched 40 drones at Kyiv overnight, officials said.") == "en"


def test_english_with_quoted_foreign_words_stays_english() -> None:
    text = (
        "Zelenskyy ended his speech in Ukrainian, saying «Слава Україні», and the crowd cheered. "
        "German officials said the Leopard tanks, the Kampfpanzer of the Bundeswehr, would follow."
    )
    assert identify(text) == "en"


def test_too_little_to_tell_is_none_and_accepted() -> None:
    assert identify("Zelenskyy Kyiv Kharkiv 2024") is None
    assert read_text("Zelenskyy Kyiv Kharkiv 2024").language == "en"


def test_long_text_without_stopwords_is_unknown() -> None:
    text = " ".join(["Zelenskyy Kyiv Kharkiv Odesa Lviv Dnipro Zaporizhzhia Kherson"] * 6)
    assert identify(text) == "unknown"


def test_scripts() -> None:
    assert dominant_script("Президент України") == "cyrillic"
    assert dominant_script("Kyiv (Київ) is the capital") is None


def test_stopword_lists_load() -> None:
    lists = stopwords()
    assert {"en", "de", "fr", "es", "uk", "ru"} <= set(lists)
    assert "the" in lists["en"] and "und" in lists["de"] and "що" in lists["uk"]
