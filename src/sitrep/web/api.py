"""The JSON API: analyze, ingest, and the corpus queries with filters, pagination and exports."""

from __future__ import annotations

import datetime as dt
import hmac
import io
import logging
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Header, HTTPException, Query, Request, Response
from pydantic import BaseModel, Field, model_validator

from sitrep.corpus.queries import EventFilter
from sitrep.errors import ExtractionError
from sitrep.eventtypes import EVENT_TYPES, EventType
from sitrep.model import Article, Report
from sitrep.store.db import Database
from sitrep.web import queries
from sitrep.web.errors import ERROR_RESPONSES
from sitrep.web.listing import DayRange, LongPaged, Page, Paged, Paging
from sitrep.web.queries import ArticleFilter

log = logging.getLogger(__name__)
router = APIRouter(responses=ERROR_RESPONSES)
_ANALYSIS = threading.Lock()  # one analysis at a time: the pipeline is shared and CPU-bound

EXPORT_TABLES = Literal[
    "articles",
    "events",
    "quantities",
    "attributions",
    "signals",
    "rejects",
    "duplicates",
    "clusters",
    "acled",
    "plover",
]


class ArticleIn(BaseModel):
    """An article to analyze: plain text (or Markdown) in ``text``, or a page in ``html``."""

    text: str | None = Field(None, description="Plain text or Markdown (YAML front matter is read).")
    html: str | None = Field(None, description="An HTML page; the article is extracted with trafilatura.")
    published: dt.date | None = Field(None, description="Publication date; else from metadata or the text.")
    doc: str | None = Field(None, max_length=500, description="A name for the article (file name, URL…).")
    title: str | None = Field(None, max_length=1000)
    url: str | None = Field(None, max_length=2000)

    @model_validator(mode="after")
    def _one_body(self) -> ArticleIn:
        if (self.text is None) == (self.html is None):
            raise ValueError("give exactly one of 'text' and 'html'")
        return self


class Stored(BaseModel):
    """The outcome of POST /articles."""

    id: str
    stored: bool = Field(description="True when new; false when the same text was already stored.")
    near_duplicate: bool = False
    doc: str


@contextmanager
def store(request: Request) -> Iterator[Database]:
    """A connection to the app's store, opened in the calling thread and closed after.

    The schema was brought up to date when the app was made (``create_app``); requests never migrate.
    """
    with Database(request.app.state.settings.db_url, migrate=False) as db:
        yield db


def listed(request: Request, paging: Paging, query: Callable[[Database], list[dict[str, Any]]]) -> Page:
    """The page asked for of all the rows ``query`` reads from the app's store."""
    with store(request) as db:
        return paging.cut(query(db))


def to_article(body: ArticleIn, default_doc: str) -> Article:
    """The checked ``Article`` of a request body; ``InputError`` names the reason it is refused."""
    from sitrep.ingest import read_text

    doc = body.doc or default_doc
    text = body.html if body.html is not None else body.text or ""
    article = read_text(text, doc=doc, fmt="html" if body.html is not None else "auto", published=body.published)
    if body.title or body.url:
        from dataclasses import replace

        article = replace(article, title=body.title or article.title, url=body.url or article.url)
    return article


def analyze_article(article: Article) -> Report:
    from sitrep.service import analyze

    with _ANALYSIS:
        return analyze(article)


@router.post("/analyze", tags=["analyze"], summary="Analyze one article into a report")
def analyze(body: ArticleIn) -> dict[str, Any]:
    """The whole report (docs/report.schema.json): sentences, entities, quantities, events,
    attributions and signals with character offsets into ``article.text``, and the flat facts."""
    from sitrep.render import report_dict

    return report_dict(analyze_article(to_article(body, "<request>")))


def require_token(request: Request, authorization: Annotated[str | None, Header()] = None) -> None:
    """Check ``Authorization: Bearer TOKEN`` against the app's token in constant time."""
    expected: str = request.app.state.settings.token
    scheme, _, given = (authorization or "").partition(" ")
    ok = bool(expected) and scheme.lower() == "bearer" and hmac.compare_digest(given.encode(), expected.encode())
    if not ok:
        raise HTTPException(
            401, "a valid 'Authorization: Bearer TOKEN' header is needed", {"WWW-Authenticate": "Bearer"}
        )


@router.post(
    "/articles",
    tags=["corpus"],
    status_code=201,
    dependencies=[Depends(require_token)],
    responses={401: ERROR_RESPONSES[422] | {"description": "Missing or wrong bearer token"}},
    summary="Analyze an article and store it",
)
def post_article(body: ArticleIn, request: Request, response: Response) -> Stored:
    """Idempotent: the id is the hash of the text; an article already stored answers 200 with stored=false."""
    from sitrep.corpus.ingest import ingest
    from sitrep.store.writer import article_id

    article = to_article(body, body.url or "<api>")
    with store(request) as db, _ANALYSIS:
        summary = ingest(db, [article], batch_size=1)
    if summary.failed:
        raise ExtractionError(article.doc, "the analysis failed on this article (recorded in sitrep rejects)")
    if not summary.new:
        response.status_code = 200
    return Stored(
        id=article_id(article.text),
        stored=bool(summary.new),
        near_duplicate=bool(summary.near_duplicates),
        doc=article.doc,
    )


def article_filter(
    days: DayRange,
    q: Annotated[str | None, Query(max_length=200, description="Text in the title or name.")] = None,
    outlet: Annotated[str | None, Query(max_length=200)] = None,
) -> ArticleFilter:
    """The filters of ``GET /articles``, read from the query."""
    return ArticleFilter(q, outlet, days.since, days.until)


EVENT_TYPE_HELP = "One of " + ", ".join(EVENT_TYPES) + "."


def event_filter(
    days: DayRange,
    type: Annotated[EventType | None, Query(description=EVENT_TYPE_HELP)] = None,
    actor: Annotated[str | None, Query(max_length=20, description="A side taking part (USA, NATO…).")] = None,
    place: Annotated[str | None, Query(max_length=200)] = None,
) -> EventFilter:
    """The filters of ``GET /events``, read from the query."""
    return EventFilter(type=type, actor=actor, since=days.since, until=days.until, place=place)


@router.get("/articles", tags=["corpus"], summary="Stored articles, newest first")
def list_articles(request: Request, paging: Paged, flt: Annotated[ArticleFilter, Depends(article_filter)]) -> Page:
    with store(request) as db:  # paged in SQL: the store may hold many articles
        total, rows = queries.articles(db, flt, paging.limit, paging.offset)
    return paging.page(total, rows)


@router.get("/articles/{article_id}", tags=["corpus"], summary="One stored article with its facts")
def get_article(article_id: str, request: Request) -> dict[str, Any]:
    with store(request) as db:
        return queries.article(db, article_id)


@router.get("/events", tags=["corpus"], summary="Real-world events clustered across articles")
def list_events(request: Request, paging: Paged, flt: Annotated[EventFilter, Depends(event_filter)]) -> Page:
    from sitrep.corpus.cluster_queries import count_clusters, summary_rows

    with store(request) as db:  # paged in SQL over the stored clusters
        total = count_clusters(db, flt)
        rows = summary_rows(db, flt, paging.limit, paging.offset)
    return paging.page(total, rows)


@router.get(
    "/events/{event_id}", tags=["corpus"], summary="One event: its mentions with their sentences, a page at a time"
)
def get_event(event_id: str, request: Request, paging: Paged) -> dict[str, Any]:
    """The event (old ids of merged events resolve) with ``limit`` of its mentions from ``offset``, in the
    order of the similarity rule; ``mentions_total`` counts them all. A big event holds thousands."""
    from sitrep.corpus.cluster_queries import event_page
    from sitrep.corpus.queries import conflicts

    with store(request) as db:
        row = event_page(db, event_id, paging.limit, paging.offset)
        row["mentions_total"] = row.pop("articles_mentions")
        row["conflicts"] = conflicts(db, cluster=row["cluster"])
    return row


@router.get("/claims", tags=["corpus"], summary="Claims per source, or each claim of matching sources")
def list_claims(
    request: Request,
    paging: Paged,
    source: Annotated[str | None, Query(max_length=200, description="Sources whose name contains this.")] = None,
    key: Annotated[str | None, Query(max_length=500, description="The source of this key (each row's key).")] = None,
) -> Page:
    from sitrep.corpus.claims import ClaimFilter, claims_of, count_claims, count_sources, sources

    flt = ClaimFilter(source, key)
    with store(request) as db:  # paged in SQL: sources by claims, or one page of the claims of those matching
        if flt.any:
            return paging.page(count_claims(db, flt), claims_of(db, flt, paging.limit, paging.offset))
        return paging.page(count_sources(db, flt), sources(db, flt, paging.limit, paging.offset))


@router.get("/tracker/aid", tags=["trackers"], summary="Aid per month, donor, category and phase")
def tracker_aid(request: Request, paging: LongPaged) -> Page:
    from sitrep.corpus.queries import aid_tracker

    return listed(request, paging, aid_tracker)


@router.get("/tracker/strikes", tags=["trackers"], summary="Launched and intercepted per day, attacker, category")
def tracker_strikes(request: Request, paging: LongPaged) -> Page:
    from sitrep.store import strikes_sql

    with store(request) as db:  # paged in SQL over the rows kept as figures are stored
        return paging.page(strikes_sql.count(db), strikes_sql.tracker(db, paging.limit, paging.offset))


@router.get("/tracker/territory", tags=["trackers"], summary="Places taken per day: who took them, who lost them, area")
def tracker_territory(request: Request, paging: LongPaged, days: DayRange) -> Page:
    """The rows of ``sitrep tracker territory``: one per SEIZE event clustered across articles."""
    from sitrep.corpus.territory import territory_tracker

    return listed(request, paging, lambda db: territory_tracker(db, days.since, days.until))


@router.get("/tracker/frontline", tags=["trackers"], summary="Per place, the side that last took it (as of until)")
def tracker_frontline(request: Request, paging: LongPaged, days: DayRange) -> Page:
    """The places of the Frontline page: the last taker (null when contested), claimants, day and coordinates."""
    from dataclasses import asdict

    from sitrep.corpus.territory import front_line

    return listed(request, paging, lambda db: [asdict(h) for h in front_line(db, days.since, days.until)])


@router.get("/conflicts", tags=["corpus"], summary="The same quantity of one event reported with different values")
def list_conflicts(request: Request, paging: Paged) -> Page:
    from sitrep.store import conflicts_sql

    with store(request) as db:  # paged in SQL over the conflicts kept per cluster
        return paging.page(conflicts_sql.count(db), conflicts_sql.conflicts(db, None, paging.limit, paging.offset))


@router.get(
    "/export/{table}",
    tags=["exports"],
    summary="A whole table as CSV or JSON Lines",
    response_class=Response,
    responses={200: {"content": {"text/csv": {}, "application/x-ndjson": {}}}},
)
def export_table(table: EXPORT_TABLES, request: Request, format: Literal["csv", "jsonl"] = "csv") -> Response:
    """The rows of ``sitrep export --table TABLE``: raw tables, clusters, ACLED-like and PLOVER-like events."""
    from sitrep.corpus.export import table_rows, write_rows

    with store(request) as db:
        rows = table_rows(db, table)
    out = io.StringIO()
    write_rows(rows, format, out)
    media = "text/csv" if format == "csv" else "application/x-ndjson"
    disposition = f'attachment; filename="{table}.{format}"'
    return Response(out.getvalue(), media_type=media, headers={"Content-Disposition": disposition})
