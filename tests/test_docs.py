"""Every CLI command is documented in the README, with its help text."""

from __future__ import annotations

from click.testing import CliRunner

from sitrep.cli import main
from testdata import ROOT


def test_every_command_is_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name in main.commands:
        assert f"sitrep {name}" in readme, f"sitrep {name} is not documented in README.md"


def test_every_command_has_help_with_an_example() -> None:
    runner = CliRunner()
    for name in main.commands:
        result = runner.invoke(main, [name, "--help"])
        assert result.exit_code == 0
        assert "Example" in result.output, f"sitrep {name} --help shows no example"
