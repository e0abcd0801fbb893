"""``Limits`` defaults, environment overrides and validation."""

from __future__ import annotations

import pytest

from sitrep.errors import InputError
from sitrep.ingest import ENV_VARS, Limits, read_text


def test_defaults() -> None:
    assert Limits() == Limits(max_bytes=5 * 1024 * 1024, max_line_chars=200_000, min_chars=20)
    assert Limits.from_env({}) == Limits()


def test_from_env() -> None:
    env = {"SITREP_MAX_BYTES": "10m", "SITREP_MAX_LINE_CHARS": "5000", "SITREP_MIN_CHARS": " 50 "}
    assert Limits.from_env(env) == Limits(max_bytes=10 * 1024 * 1024, max_line_chars=5000, min_chars=50)
    assert Limits.from_env({"SITREP_MAX_BYTES": "2048", "SITREP_MIN_CHARS": ""}) == Limits(max_bytes=2048)


@pytest.mark.parametrize(
    ("var", "value"),
    [
        ("SITREP_MAX_BYTES", "0"),
        ("SITREP_MAX_BYTES", "5 GB"),
        ("SITREP_MAX_LINE_CHARS", "10k"),
        ("SITREP_MIN_CHARS", "-1"),
    ],
)
def test_bad_env_values(var: str, value: str) -> None:
    with pytest.raises(InputError) as info:
        Limits.from_env({var: value})
    assert str(info.value) == f"{var}: must be a positive whole number, got {value!r}"


def test_invalid_limits() -> None:
    with pytest.raises(ValueError, match="min_chars"):
        Limits(min_chars=0)


def test_env_var_names() -> None:
    assert ENV_VARS == {
        "max_bytes": "SITREP_MAX_BYTES",
        "max_line_chars": "SITREP_MAX_LINE_CHARS",
        "min_chars": "SITREP_MIN_CHARS",
    }


def test_explicit_limits_override_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SITREP_MIN_CHARS", "1000")
    text = "Russia launched 40 drones at Kyiv overnight, officials said."
    assert read_text(text, limits=Limits()).text == text
    with pytest.raises(InputError, match="at least 1000 needed"):
        read_text(text)
