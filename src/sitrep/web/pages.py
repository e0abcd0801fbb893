"""The dashboard's pages, rendered on the server with Jinja2 (no scripts needed)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Annotated, Any

from fastapi import APIRouter, File, Form, Query, Request, UploadFile
from fastapi.responses import HTMLResponse, Response
from markupsafe import Markup

from sitrep.corpus.names import article_name, file_name
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
    from sitrep.corpus.cluster_queries import summary_rows
    from sitrep.store import conflicts_sql
    from sitrep.store.counts import counts as kept

    with store(request) as db:
        counts = queries.counts(db)
        latest = summary_rows(db, limit=12, newest=True)
        counts["event clusters"] = kept(db)["clusters"]
        counts["conflicts"] = conflicts_sql.count(db)
    return render(request, "overview.html", counts=counts, latest=latest)


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
    offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
) -> Response:
    """Events by month, latest first, ``TIMELINE_PAGE`` at a time; the chart counts every matching event."""
    from sitrep.corpus.cluster_queries import count_clusters, month_counts, summary_rows
    from sitrep.corpus.queries import EventFilter

    flt = EventFilter(type or None, actor or None, _day(since), _day(until), place or None)
    with store(request) as db:
        rows = summary_rows(db, flt, TIMELINE_PAGE, offset, late_first=True)
        counted = month_counts(db, flt)
        total = count_clusters(db, flt)
    months: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in reversed(rows):  # each month's events by first day
        months[(row["first_day"] or "undated")[:7]].append(row)
    per_month: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for c in counted:
        per_month[c["month"]][c["type"]] += int(c["n"])
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
        total=total,
        shown=(offset + 1 if rows else 0, offset + len(rows)),
        older=_page_link(filters, offset + TIMELINE_PAGE) if offset + len(rows) < total else None,
        newer=_page_link(filters, max(0, offset - TIMELINE_PAGE)) if offset else None,
    )


TIMELINE_PAGE = 200


def _page_link(filters: dict[str, str], offset: int, path: str = "/timeline") -> str:
    from urllib.parse import urlencode

    return path + "?" + urlencode({**{k: v for k, v in filters.items() if v}, "offset": offset})


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
    phases = sorted({p for v in dollars.values() for p in v})
    donors = _by_total(dollars)
    return render(
        request,
        "aid.html",
        rows=rows[-TABLE_ROWS:],  # the latest months; the charts count every row
        more_rows=max(0, len(rows) - TABLE_ROWS),
        item_charts=_item_charts(counted),
        more_categories=max(0, len({c for v in counted.values() for c in v}) - CHART_ROWS),
        usd_chart=charts.hbars(donors[:CHART_ROWS], phases, "Aid value in US dollars by donor and phase"),
        usd_legend=charts.legend(phases),
        more_donors=max(0, len(donors) - CHART_ROWS),
    )


CHART_ROWS = 8  # a chart shows its top rows; the rest are counted under it


def _item_charts(counted: dict[str, dict[str, float]]) -> list[tuple[str, Markup, int]]:
    """One chart per category of items (rounds, vehicles...: numbers of one kind), its donors as bars:
    (category, chart, donors left out), for the categories given by the most donors."""
    per_category: dict[str, dict[str, float]] = defaultdict(dict)
    for donor, categories in counted.items():
        for category, total in categories.items():
            per_category[category][donor] = total
    ranked = sorted(per_category.items(), key=lambda kv: (-len(kv[1]), -sum(kv[1].values()), kv[0]))
    out = []
    for category, by_donor in ranked[:CHART_ROWS]:
        bars = sorted(((d, {category: v}) for d, v in by_donor.items()), key=lambda g: -sum(g[1].values()))
        chart = charts.hbars(bars[:CHART_ROWS], [category], f"{category.replace('_', ' ')} by donor")
        out.append((category, chart, max(0, len(bars) - CHART_ROWS)))
    return out


def _by_total(table: dict[str, dict[str, float]]) -> list[charts.Group]:
    return sorted(((k, dict(v)) for k, v in table.items()), key=lambda g: -sum(g[1].values()))


@router.get("/strikes")
def strikes(request: Request) -> Response:
    from sitrep.store import strikes_sql

    with store(request) as db:  # the latest days, a table's worth; the rest counted
        rows = strikes_sql.tracker(db, TABLE_ROWS, latest=True)[::-1]
        total = strikes_sql.count(db)
    days: dict[str, dict[str, float]] = defaultdict(lambda: {"launched": 0.0, "intercepted": 0.0})
    for row in rows:
        for measure in ("launched", "intercepted"):
            days[row["day"]][measure] += float(row[measure] or 0)
    series = ["launched", "intercepted"]
    chart = charts.vbars(sorted(days.items()), series, "Launched and intercepted per day")
    return render(
        request,
        "strikes.html",
        rows=rows,
        more_rows=total - len(rows),
        chart=chart,
        chart_legend=charts.legend(series),
    )


TABLE_ROWS = 500  # rows of a tracker's table on its page (the latest ones); all of them in the API


@router.get("/map")
def map_page(request: Request) -> Response:
    from sitrep.corpus.cluster_queries import place_rows

    with store(request) as db:
        rows, unplaced = place_rows(db)
    found, unmapped = geo.markers(rows)
    return render(
        request,
        "map.html",
        svg=geo.svg_map(found, "Events and strikes by place"),
        markers=found,
        unmapped=sum(int(r["events"]) for r in unmapped) + unplaced,
    )


@router.get("/event/{event_id}")
def event(
    request: Request,
    event_id: str,
    reports: Annotated[int, Query(ge=0, le=10_000_000, description="Reports to skip.")] = 0,
    figures: Annotated[int, Query(ge=0, le=10_000_000, description="Figures to skip.")] = 0,
) -> Response:
    """One event: its reports and figures ``EVENT_ROWS`` at a time (``reports``, ``figures``: the offsets)."""
    from sitrep.corpus.cluster_queries import count_tied, event_page
    from sitrep.corpus.figures import quantity_reports
    from sitrep.corpus.queries import conflicts

    with store(request) as db:
        row = event_page(db, event_id, EVENT_ROWS, reports)  # long lists: a page of rows, the rest counted
        found = conflicts(db, cluster=row["cluster"])
        reported = quantity_reports(db, cluster=row["cluster"], limit=EVENT_ROWS, offset=figures)
        counts = {"mentions": row["articles_mentions"], "quantities": count_tied(db, row["cluster"])}
        docs = {m["doc"] for m in row["mentions"]} | {r.doc for r in reported} | {row["first_report"]}
        for c in found:
            c["reports"] = c["reports"][:EVENT_ROWS]
            docs |= {_doc_of(line) for line in c["reports"]}
        ids, names = article_ids(db, docs), article_names(db, docs)
    for c in found:  # the conflict lines name articles, not the paths they were read from
        c["reports"] = [_named(line, names) for line in c["reports"]]
    pages = {
        "reports": _pager(reports, len(row["mentions"]), counts["mentions"], {"figures": figures}, "reports"),
        "figures": _pager(figures, len(reported), counts["quantities"], {"reports": reports}, "figures"),
    }
    return render(
        request,
        "event.html",
        event=row,
        conflicts=found,
        quantities=reported,
        ids=ids,
        names=names,
        counts=counts,
        pages=pages,
    )


def _pager(offset: int, shown: int, total: int, others: dict[str, int], name: str) -> dict[str, Any]:
    """Where a long list of the event page stands: rows ``first``..``last`` of ``total``, and the query strings
    of the pages before and after (the other list kept where it is)."""

    def link(at: int) -> str:
        keep = {k: v for k, v in {**others, name: at}.items() if v}
        return "?" + "&".join(f"{k}={v}" for k, v in sorted(keep.items())) if keep else "?"

    after = offset + shown < total
    return {
        "first": offset + 1 if shown else 0,
        "last": offset + shown,
        "total": total,
        "previous": link(max(0, offset - EVENT_ROWS)) if offset else None,
        "next": link(offset + EVENT_ROWS) if after else None,
        "rows": EVENT_ROWS,
    }


EVENT_ROWS = 50  # reports and figures shown on an event page at a time; the rest are counted and paged


def article_names(db: Database, docs: set[str]) -> dict[str, str]:
    """What a page calls each article (never a machine path): its title, else its outlet, else its file name."""
    marks = ", ".join("?" * len(docs))
    rows = db.query(f"SELECT doc, title, outlet FROM articles WHERE doc IN ({marks})", sorted(docs)) if docs else []
    found = {r["doc"]: article_name(r["title"], r["outlet"], r["doc"]) for r in rows}
    return {doc: found.get(doc) or file_name(doc) for doc in docs}


def _doc_of(line: str) -> str:
    """The article of a conflict line ``VALUE (QUALIFIER): DOC §SENTENCE``."""
    return line.split(": ", 1)[-1].rsplit(" §", 1)[0]


def _named(line: str, names: dict[str, str]) -> str:
    doc = _doc_of(line)
    return line.replace(doc, names.get(doc) or file_name(doc))


def article_ids(db: Database, docs: set[str]) -> dict[str, str]:
    """The stored id of each article name (the corpus rows name articles by ``doc``)."""
    marks = ", ".join("?" * len(docs))
    rows = db.query(f"SELECT id, doc FROM articles WHERE doc IN ({marks})", sorted(docs)) if docs else []
    return {r["doc"]: r["id"] for r in rows}


@router.get("/sources")
def sources(
    request: Request,
    source: Annotated[str, Query(max_length=200)] = "",
    key: Annotated[str, Query(max_length=500)] = "",
    offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
) -> Response:
    """Sources by claims, or the claims of one source (``key``) or of those matching ``source``, a page at a time."""
    from sitrep.corpus import claims

    flt = claims.ClaimFilter(source or None, key or None)
    with store(request) as db:
        if flt.any:
            rows, total = claims.claims_of(db, flt, SOURCES_PAGE, offset), claims.count_claims(db, flt)
        else:
            rows, total = claims.sources(db, flt, SOURCES_PAGE, offset), claims.count_sources(db, flt)
    filters = {"source": source, "key": key}
    return render(
        request,
        "sources.html",
        rows=rows,
        source=source,
        key=key,
        total=total,
        shown=(offset + 1 if rows else 0, offset + len(rows)),
        later=_page_link(filters, offset + SOURCES_PAGE, "/sources") if offset + len(rows) < total else None,
        earlier=_page_link(filters, max(0, offset - SOURCES_PAGE), "/sources") if offset else None,
    )


SOURCES_PAGE = 200


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
