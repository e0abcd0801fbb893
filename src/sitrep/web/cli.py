"""``sitrep serve``: the web API and dashboard (``register(group)`` adds it to a command group)."""

from __future__ import annotations

import logging

import click

from sitrep.cli_options import db_option

log = logging.getLogger(__name__)


@click.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8750, show_default=True, type=click.IntRange(0, 65535), help="Port to listen on.")
def serve(db_url: str, host: str, port: int) -> None:
    """Serve the web dashboard and JSON API (OpenAPI at /openapi.json).

    POST /articles needs 'Authorization: Bearer TOKEN': TOKEN is $SITREP_TOKEN, else one
    generated on first start (printed once) and kept in ~/.config/sitrep/token.

    \b
    Example:
      sitrep serve --db sitrep.db --port 8750
      curl -s -X POST localhost:8750/analyze -H 'content-type: application/json' -d '{"text": "..."}'
    """
    import uvicorn

    from sitrep.errors import SitrepError
    from sitrep.store.db import Database
    from sitrep.web.app import create_app
    from sitrep.web.settings import Settings, load_token, token_file

    try:
        Database(db_url).close()  # fail early, with one line, when the store cannot be opened
    except SitrepError as exc:
        raise click.ClickException(f"{exc.source}: {exc.reason}") from None
    token, new = load_token()
    if new:
        click.echo(f"ingest token (shown once, kept in {token_file()}): {token}")
    click.echo(f"Sitrep dashboard on http://{host}:{port}/  (database {db_url}; Ctrl-C stops)")
    app = create_app(Settings(db_url=db_url, token=token))
    uvicorn.run(app, host=host, port=port, log_level="warning")


def register(group: click.Group) -> None:
    """Add ``serve`` to ``group``."""
    group.add_command(serve)
