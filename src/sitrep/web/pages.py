"""The dashboard's pages, rendered on the server with Jinja2 (no scripts needed)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Annotated, Any

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, Response

from sitrep.errors import InputError
from sitrep.eventtypes import EVENT_TYPES
from sitrep.model import Article, Attribution, Quantity, Report, Sentence, Signal
from sitrep.store.db import Database
from sitrep.web import charts, geo, highlight, queries
from sitrep.web.api import ArticleIn, analyze_article, store, to_article

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)
#: Pages that share a path with an API operation are declared in the schema (as HTML).
documented = APIRouter(default_response_class=HTMLResponse, tags=["pages"])

NAV = (
    ("/", "Overview"),
    ("/analyze", "Analyze"),
    ("/timeline", "Timeline"),
    ("/aid", "Aid tracker"),
    ("/strikes", "Strikes"),
    ("/map", "Map"),
    ("/frontline", "Frontline"),
    ("/sources", "Sources"),
)


def render(request: Request, name: str, status: int = 200, **context: Any) -> Response:
    templates = request.app.state.templates
    return templates.TemplateResponse(request, name, {"nav": NAV, **context}, status_code=status)  # type: ignore[no-any-return]


def _day(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None


@router.get("/")
def overview(request: Request) -> Response:
    from sitrep.corpus.queries import cluster_row, conflicts, event_clusters

    with store(request) as db:
        counts = queries.counts(db)
        clusters = event_clusters(db)
        n_conflicts = len(conflicts(db))
    latest = sorted(clusters, key=lambda c: c.last_day or dt.date.min, reverse=True)[:12]
    counts["event clusters"] = len(clusters)
    counts["conflicts"] = n_conflicts
    return render(request, "overview.html", counts=counts, latest=[cluster_row(c) for c in latest])


@documented.get(
    "/analyze",
    summary="The Analyze page (HTML): paste or upload an article",
    responses={200: {"content": {"text/html": {}}, "description": "An HTML page"}},
)
def analyze_form(request: Request) -> Response:
    return render(request, "analyze.html", report=None, text="", published="", error=None)


@router.post("/analyze/view")
async def analyze_view(
    request: Request,
    text: Annotated[str, Form()] = "",
    published: Annotated[str, Form()] = "",
    upload: Annotated[UploadFile | None, File()] = None,
) -> Response:
    """Analyze pasted text or an uploaded file and show it highlighted, with its facts."""
    data = await upload.read() if upload is not None and upload.filename else b""
    try:
        article = _read_form(text, data, upload.filename if data and upload else None, _day(published))
        report = await _analyze(article)
    except InputError as exc:
        return render(request, "analyze.html", 422, report=None, text=text, published=published, error=exc)
    return render(
        request,
        "analyze.html",
        report=report,
        text=text,
        published=published,
        error=None,
        marked=highlight.highlighted(report),
        legend=highlight.LEGEND,
        facts=highlight.fact_rows(report),
    )


def _read_form(text: str, data: bytes, filename: str | None, published: dt.date | None) -> Article:
    from sitrep.ingest import read_bytes

    if filename:
        fmt = filename.rsplit(".", 1)[-1].lower() if "." in filename else None
        fmt = fmt if fmt in ("txt", "md", "markdown", "html", "htm") else None
        return read_bytes(data, doc=filename, fmt=fmt, published=published)
    if not text.strip():
        raise InputError("<form>", "paste an article or choose a file")
    return to_article(
        ArticleIn(text=text, html=None, published=published, doc="pasted article", title=None, url=None),
        "pasted article",
    )


async def _analyze(article: Article) -> Report:
    from starlette.concurrency import run_in_threadpool

    return await run_in_threadpool(analyze_article, article)


@router.get("/timeline")
def timeline(
    request: Request,
    type: str = "",
    actor: str = "",
    since: str = "",
    until: str = "",
    place: str = "",
) -> Response:
    from sitrep.corpus.queries import EventFilter, cluster_row, event_clusters

    flt = EventFilter(type or None, actor or None, _day(since), _day(until), place or None)
    with store(request) as db:
        rows = [cluster_row(c) for c in event_clusters(db, flt)]
    months: dict[str, list[dict[str, Any]]] = defaultdict(list)
    per_month: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for row in rows:
        month = (row["first_day"] or "undated")[:7]
        months[month].append(row)
        per_month[month][row["type"]] += 1
    series = [t for t in EVENT_TYPES if any(t in v for v in per_month.values())]
    dated = sorted((m, dict(v)) for m, v in per_month.items() if m != "undated")
    chart = charts.vbars(dated, series, "Events per month by type")
    filters = {"type": type, "actor": actor, "since": since, "until": until, "place": place}
    return render(
        request,
        "timeline.html",
        months=sorted(months.items(), key=lambda m: (m[0] != "undated", m[0]), reverse=True),
        chart=chart,
        chart_legend=charts.legend(series),
        filters=filters,
        types=EVENT_TYPES,
        total=len(rows),
    )


@router.get("/aid")
def aid(request: Request) -> Response:
    from sitrep.corpus.queries import aid_tracker

    with store(request) as db:
        rows = aid_tracker(db)
    counted: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    dollars: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for row in rows:
        target = dollars if row["category"] == "usd" else counted
        key = row["phase"] if row["category"] == "usd" else row["category"]
        target[row["donor"]][key] += float(row["total"])
    categories = sorted(
        {c for v in counted.values() for c in v}, key=lambda c: -sum(v.get(c, 0) for v in counted.values())
    )
    phases = sorted({p for v in dollars.values() for p in v})
    return render(
        request,
        "aid.html",
        rows=rows,
        items_chart=charts.hbars(_by_total(counted), categories, "Items of aid by donor and category"),
        items_legend=charts.legend(categories),
        usd_chart=charts.hbars(_by_total(dollars), phases, "Aid value in US dollars by donor and phase"),
        usd_legend=charts.legend(phases),
    )


def _by_total(table: dict[str, dict[str, float]]) -> list[charts.Group]:
    return sorted(((k, dict(v)) for k, v in table.items()), key=lambda g: -sum(g[1].values()))


@router.get("/strikes")
def strikes(request: Request) -> Response:
    from sitrep.corpus.queries import strikes_tracker

    with store(request) as db:
        rows = strikes_tracker(db)
    days: dict[str, dict[str, float]] = defaultdict(lambda: {"launched": 0.0, "intercepted": 0.0})
    for row in rows:
        for measure in ("launched", "intercepted"):
            days[row["day"]][measure] += float(row[measure] or 0)
    series = ["launched", "intercepted"]
    chart = charts.vbars(sorted(days.items()), series, "Launched and intercepted per day")
    return render(request, "strikes.html", rows=rows, chart=chart, chart_legend=charts.legend(series))


@router.get("/map")
def map_page(request: Request) -> Response:
    from sitrep.corpus.queries import cluster_row, event_clusters

    with store(request) as db:
        rows = [cluster_row(c) for c in event_clusters(db)]
    found, unmapped = geo.markers(rows)
    return render(
        request, "map.html", svg=geo.svg_map(found, "Events and strikes by place"), markers=found, unmapped=unmapped
    )


@router.get("/event/{event_id}")
def event(request: Request, event_id: str) -> Response:
    from sitrep.corpus.queries import cluster_row, conflicts, quantity_reports

    with store(request) as db:
        row = cluster_row(queries.find_cluster(db, event_id), detail=True)
        found = [c for c in conflicts(db) if c["cluster"] == event_id]
        reported = [r for r in quantity_reports(db) if r.cluster == event_id]
        ids = article_ids(db, {m["doc"] for m in row["mentions"]})
    return render(request, "event.html", event=row, conflicts=found, quantities=reported, ids=ids)


def article_ids(db: Database, docs: set[str]) -> dict[str, str]:
    """The stored id of each article name (the corpus rows name articles by ``doc``)."""
    marks = ", ".join("?" * len(docs))
    rows = db.query(f"SELECT id, doc FROM articles WHERE doc IN ({marks})", sorted(docs)) if docs else []
    return {r["doc"]: r["id"] for r in rows}


@router.get("/sources")
def sources(request: Request, source: str = "") -> Response:
    from sitrep.corpus.queries import claims

    with store(request) as db:
        rows = claims(db, source or None)
        ids = article_ids(db, {r["doc"] for r in rows}) if source else {}
    return render(request, "sources.html", rows=rows, source=source, ids=ids)


@router.get("/article/{article_id}")
def article(request: Request, article_id: str) -> Response:
    with store(request) as db:
        row = queries.article(db, article_id)
    report = stored_report(row)
    return render(
        request,
        "article.html",
        row=row,
        report=report,
        marked=highlight.highlighted(report),
        legend=[entry for entry in highlight.LEGEND if entry[0] in ("quantity", "source", "signal")],
        facts=highlight.fact_rows(report),
    )


def stored_report(row: dict[str, Any]) -> Report:
    """A ``Report`` rebuilt from a stored article (entities are not stored, events not needed here)."""
    article = Article(
        text=row["text"],
        doc=row["doc"],
        title=row["title"],
        published=_day(row["published"]),
        published_inferred=row["published_inferred"],
        url=row["url"],
        outlet=row["outlet"],
    )
    return Report(
        article=article,
        sentences=tuple(Sentence(s["index"], s["start"], s["end"], s["text"]) for s in row["sentences"]),
        quantities=tuple(
            Quantity(
                q["value"],
                q["qualifier"],
                q["category"],
                q["event"],
                q["measure"],
                q["text"],
                q["start"],
                q["end"],
                q["sentence"],
                q["actor"],
            )
            for q in row["quantities"]
        ),
        attributions=tuple(
            Attribution(a["source"], a["source_kind"], a["sentence"], a["cue"], a["via"]) for a in row["attributions"]
        ),
        signals=tuple(
            Signal(s["signal"], s["sentence"], s["text"], s["start"], s["end"], s["note"]) for s in row["signals"]
        ),
    )


@router.get("/favicon.ico")
def favicon() -> Response:
    from fastapi.responses import RedirectResponse

    return RedirectResponse("/static/favicon.svg", status_code=301)
