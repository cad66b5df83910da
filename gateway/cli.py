"""The `gateway` command (CONTRACT.md): every reporting command takes --json."""

import json
import sys
from pathlib import Path

import click

from gateway.config import settings_from_env
from gateway.domain.errors import InputError


def _gateway():
    from gateway.runtime import Gateway

    return Gateway(settings_from_env())


def _ready_gateway():
    gw = _gateway()
    gw.init()
    return gw


def _emit(as_json: bool, payload, text: str) -> None:
    click.echo(json.dumps(payload, default=str) if as_json else text)


def _fail(message: str, code: int = 1):
    click.echo(f"gateway: {message}", err=True)
    sys.exit(code)


class GatewayCommands(click.Group):
    """Every command refuses alike when the database cannot be reached: one line, exit 1, no trace."""

    def invoke(self, ctx):
        from gateway.db import DATABASE_UNREACHABLE

        try:
            return super().invoke(ctx)
        except DATABASE_UNREACHABLE as exc:
            _fail(f"the database cannot be reached ({_database_named()}): {_first_line(exc)}")


def _database_named() -> str:
    """The database's URL with the password masked: the host and name, or the SQLite file."""
    from sqlalchemy.engine import make_url

    return make_url(settings_from_env().sqlalchemy_url).render_as_string(hide_password=True)


def _first_line(exc: Exception) -> str:
    reason = str(getattr(exc, "orig", None) or exc).strip()
    return reason.splitlines()[0] if reason else type(exc).__name__


@click.group(cls=GatewayCommands)
def main():
    """Document access gateway: who may see which council document, decided and logged."""


@main.command()
@click.option("--json", "as_json", is_flag=True)
def init(as_json):
    """Create or upgrade the database, the index and the default policy."""
    gw = _ready_gateway()
    _emit(as_json, {"data_dir": str(gw.settings.data_dir), "database": gw.engine.url.render_as_string()},
          f"Initialised {gw.settings.data_dir} ({gw.engine.url.render_as_string()})")


@main.command("load-council")
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True)
def load_council_cmd(file, as_json):
    """Load (upsert) the council file; nothing is applied if any entry is wrong."""
    from gateway.services.council import load_council
    from gateway.services.outcomes import InvalidField

    try:
        counts = load_council(_ready_gateway(), None, file)
    except InvalidField as exc:
        _fail(exc.message)
    _emit(as_json, counts, "Loaded " + ", ".join(f"{n} {k}" for k, n in counts.items()))


@main.command("load-decisions")
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True)
def load_decisions_cmd(file, as_json):
    """Import Proper Officer decisions already taken; later entries supersede earlier ones."""
    from gateway.domain.audit import Entry
    from gateway.domain.decisions_file import load_decisions

    gw = _ready_gateway()
    try:
        with gw.sessions() as session:
            count = load_decisions(session, file)
    except InputError as exc:
        _fail(str(exc))
    gw.audit.append(Entry("decisions_loaded", detail={"file": str(file), "count": count}))
    _emit(as_json, {"decisions": count}, f"Loaded {count} Proper Officer decisions")


@main.command()
@click.argument("folder", type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True)
def ingest(folder, as_json):
    """Extract, classify and index every document of FOLDER."""
    from gateway.extraction import worker_pool

    # First: the workers load Python, pdfminer and the classifiers on the other cores while this process imports
    # and reads the council and the folder.
    with worker_pool().start(classify=True) as workers:
        _ingest(folder, as_json, workers)


def _ingest(folder, as_json, workers):
    from gateway.domain.audit import Entry
    from gateway.domain.ingest import INDEX_BATCH, ingest_folder
    from gateway.services.amendments import published_report
    from index import DocumentIndex, IndexUnavailable

    gw = _ready_gateway()
    search_index = DocumentIndex(gw.settings.index_dir)
    bar = None
    if sys.stderr.isatty() and not as_json:
        from tqdm import tqdm

        bar = tqdm(total=0, unit="file", desc="Ingesting", file=sys.stderr)

    def progress(done, total):
        if bar is not None:
            bar.total = total
            bar.n = done
            bar.refresh()

    try:
        search_index.catch_up(gw)   # what a killed run stored but did not index
        with search_index.batch(gw, INDEX_BATCH) as index_later:   # one index commit per batch, not per document
            report = ingest_folder(gw.sessions, gw.blobs, gw.audit, folder, workers, progress=progress,
                                   on_change=index_later, journal=search_index.folder.add_pending,
                                   is_public=published_report)
    except InputError as exc:
        _fail(str(exc))
    except (OSError, IndexUnavailable) as exc:
        _fail(f"the search index could not be written ({exc}); the documents stored so far are kept, with their "
              "audit records, and the next `gateway ingest` or `gateway reindex` indexes them")
    finally:
        if bar is not None:
            bar.close()
    summary = report.to_json()
    gw.audit.append(Entry("ingest", detail={"folder": str(folder), **summary}))
    if as_json:
        _emit(True, summary, "")
        return
    for file, reason in report.failed:
        click.echo(f"failed: {file}: {reason}")
    for ident, reason in report.needs_review:
        click.echo(f"needs review: {ident}: {reason}")
    for ident, reason in report.held:
        click.echo(f"held: {ident}: {reason}")
    click.echo(f"{summary['ingested']} ingested, {summary['updated']} updated, {summary['unchanged']} unchanged, "
               f"{len(report.needs_review)} need review, {len(report.failed)} failed"
               + (f", {len(report.held)} held" if report.held else ""))


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--council", type=click.Path(path_type=Path), help="council file giving the groups' names")
@click.option("--json", "as_json", is_flag=True)
def classify(files, council, as_json):
    """Classify FILES without storing anything: one JSON object per line."""
    import classifiers
    from gateway.domain.council_file import parse_council
    from gateway.extraction import ClassifierContext, extract_many, labels_of

    groups = []
    if council:
        try:
            data = parse_council(council)
        except InputError as exc:
            _fail(str(exc))
        groups = [classifiers.GroupName.from_council(g, data.get("members") or []) for g in data["groups"]]
    context = ClassifierContext(tuple(groups))
    for path, extraction in extract_many(list(files), classify_for=context):
        labels, _matters = labels_of(extraction, context)
        payload = {"file": str(path), **labels.to_json()}
        text = (f"{path}: paragraphs {payload['exempt_paragraphs'] or 'none'}, group {payload['party_group']}, "
                f"flags {payload['flags'] or 'none'}{', NEEDS REVIEW' if payload['needs_review'] else ''}")
        _emit(as_json, payload, text)


@main.command()
@click.option("--member", help="member or officer id (empty: nobody signed in)")
@click.option("--document")
@click.option("--action", default="read", show_default=True)
@click.option("--capacity", default="councillor", show_default=True)
@click.option("--reason", default="")
@click.option("--at", help="a date or date-time (default: now)")
@click.option("--batch", type=click.Path(path_type=Path), help="JSON lines of requests")
@click.option("--dry-run", is_flag=True, help="answer without recording")
@click.option("--json", "as_json", is_flag=True)
def decide(member, document, action, capacity, reason, at, batch, dry_run, as_json):
    """Decide one request, or a batch of them."""
    from gateway.access.batch import decide_batch, decide_one

    gw = _ready_gateway()
    if batch:
        sys.exit(decide_batch(gw, batch, sys.stdout, record=not dry_run))
    if not document:
        _fail("--document is required (or --batch FILE)", 2)
    sys.exit(decide_one(gw, member, document, dict(action=action, capacity=capacity, reason=reason, at=at),
                        as_json, record=not dry_run))


@main.command()
@click.option("--json", "as_json", is_flag=True)
def notify(as_json):
    """Send the notices that are due from the outbox (for cron or a systemd timer)."""
    from gateway.services.notices import send_due

    result = send_due(_ready_gateway())
    text = (f"Mail {result['smtp']}: {result['sent']} sent, {result['retry']} to retry, {result['failed']} failed, "
            f"{result['waiting']} waiting in the outbox")
    if result.get("error"):
        text += f" ({result['error']})"
    _emit(as_json, result, text)
    sys.exit(1 if result["failed"] else 0)


@main.group()
def audit():
    """Check or export the audit log."""


@audit.command()
@click.option("--json", "as_json", is_flag=True)
@click.option("--checkpoint", "checkpoint_file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Signed checkpoints to hold the log against (default: the gateway's own checkpoint file).")
def verify(as_json, checkpoint_file):
    """Check the whole chain and the checkpoints; exit 1 naming the first bad record."""
    result = _ready_gateway().audit.verify(checkpoint_file)
    payload = {"ok": result.ok, "records": result.count, "first_bad": result.first_bad, "problem": result.problem,
               "unkeyed": result.unkeyed, "checkpoints": result.checkpoints}
    _emit(as_json, payload, f"OK: {result.count} records verified against {result.checkpoints} checkpoints"
          if result.ok else f"BROKEN at record {result.first_bad}: {result.problem}")
    sys.exit(0 if result.ok else 1)


@audit.command()
@click.option("--json", "as_json", is_flag=True)
def checkpoint(as_json):
    """Sign the log's head now and append it to the checkpoint file (GATEWAY_AUDIT_CHECKPOINTS)."""
    gw = _ready_gateway()
    mark = gw.audit.checkpoint()
    _emit(as_json, {"seq": mark.seq, "hash": mark.hash, "at": mark.at, "file": str(gw.audit.checkpoints.path)},
          f"Checkpoint: record {mark.seq} ({mark.hash[:16]}...) at {mark.at}, in {gw.audit.checkpoints.path}")


@audit.command()
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv"]), default="jsonl", show_default=True)
def export(fmt):
    """Write the log to standard output as JSON lines or CSV."""
    _ready_gateway().audit.export(sys.stdout, fmt)


@main.command()
@click.option("--json", "as_json", is_flag=True)
def reindex(as_json):
    """Rebuild the search index from the store."""
    from index import DocumentIndex, IndexUnavailable

    gw = _ready_gateway()
    try:
        count = DocumentIndex(gw.settings.index_dir).rebuild(gw)
    except (OSError, IndexUnavailable) as exc:
        _fail(f"the index was not rebuilt ({exc}); the previous index still serves")
    _emit(as_json, {"indexed": count}, f"Indexed {count} documents")


@main.command()
@click.option("--json", "as_json", is_flag=True)
def accounts(as_json):
    """List the council's members and officers (who can sign in, and as what)."""
    from sqlalchemy import select

    from gateway.domain.models import Member, Officer

    with _ready_gateway().sessions() as session:
        rows = [{"id": m.id, "name": m.name, "kind": "member", "group": m.group_id}
                for m in session.scalars(select(Member).order_by(Member.id))]
        rows += [{"id": o.id, "name": o.name, "kind": "officer", "roles": o.roles}
                 for o in session.scalars(select(Officer).order_by(Officer.id))]
    if as_json:
        _emit(True, rows, "")
        return
    for row in rows:
        what = ", ".join(row["roles"]) if row["kind"] == "officer" else f"councillor, {row['group'] or 'no group'}"
        click.echo(f"  {row['id']:<24} {row['name']} ({what})")


@main.command()
@click.argument("out_dir", type=click.Path(path_type=Path))
@click.option("--members", default=24, show_default=True)
@click.option("--documents", default=60, show_default=True)
@click.option("--seed", default=0, show_default=True)
@click.option("--json", "as_json", is_flag=True)
def demo(out_dir, members, documents, seed, as_json):
    """Write a generated demo council (council.yaml, documents/, labels.jsonl) to OUT_DIR."""
    from gateway.demo import DEMO_PASSWORD, write_demo_council

    made = write_demo_council(out_dir, members=members, documents=documents, seed=seed)
    payload = {"out_dir": str(out_dir), "members": len(made.council["members"]),
               "documents": len(made.documents), "password": DEMO_PASSWORD}
    _emit(as_json, payload, f"Wrote {payload['members']} members and {payload['documents']} documents to {out_dir}")


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True)
def serve(host, port):
    """Serve the web application (embedded default: SQLite, local index)."""
    from werkzeug.serving import make_server

    from gateway import create_app

    _ready_gateway()
    # Plain HTTP is only for the loopback demo; anywhere else cookies need TLS (put a proxy in front).
    loopback = host in ("127.0.0.1", "localhost", "::1")
    app = create_app({"SESSION_COOKIE_SECURE": not loopback, "REMEMBER_COOKIE_SECURE": not loopback})
    server = make_server(host, port, app, threaded=True)
    click.echo(f"Serving the gateway on http://{host}:{server.server_port}/", err=False)
    sys.stdout.flush()
    server.serve_forever()
