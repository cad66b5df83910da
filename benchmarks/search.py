"""Search benchmark: index build rate, and query latency for raw Whoosh beside trimmed search.

    python benchmarks/search.py [--documents 100000] [--members 60] [--seed 1] [--procs 1]

Generates a council with `gateway.demo.generate_council` (text only, no files), stores it in a
temporary gateway (SQLite), indexes the documents straight from memory into a new index
(documents per second), then runs a fixed set of ~50 queries:
  * raw: Whoosh as it comes (BM25F, no trimming), first page of 20 with stored fields and total;
  * trimmed: `DocumentIndex.search` for a typical member (visibility from the decision service,
    ranking without collection statistics, exact total), with and without snippets; the timed
    rounds repeat queries the member asked in the warm-up round (their ranked matches are kept,
    as when paging), so each query's first run is printed apart;
  * anchor: SQLite FTS5 (porter stemming, bm25) on the same corpus, first 20 and an exact count;
  * floor: each query's postings read through Whoosh's codec and nothing else (what scoring every
    match cannot go below while the index is Whoosh's).
Each query is run once to warm up, then `--rounds` times; p50/p95 are over all timed runs.
Memory: peak RSS of this process, and of a fresh process that only opens the index and searches
(what each web worker pays).
"""

import argparse
import json
import os
import random
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks._council import as_date, generate, store  # noqa: E402

QUERIES = [
    "budget", "contract", "tender", "housing", "allotments", "licence", "grievance", "complaint",
    '"disposal of land"', '"leisure centre"', "consultation", "minutes", "agenda", "scrutiny",
    "planning application", "fraud", '"council tax"', "pay award", "tenant", "enforcement notice",
    "counsel opinion", "grant funding", "taxi licence", "car park", "waste collection", "flood",
    "budget OR savings", "housing NOT homeless", "(contract OR tender) award", "recommendation approve",
    "report of the director", "ward councillor", "appendix", "confidential", "exempt information",
    "public interest", "risk", "equality impact", "capital programme", "revenue", "procurement",
    "library", "market", "parking", "regeneration",
]


def rss_mb() -> float:
    """Peak resident memory of this process in MB (VmHWM: unlike ru_maxrss it is not inherited over exec)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024.0
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def percentile(values, p):
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(p / 100.0 * (len(ordered) - 1))))
    return ordered[k]


def queries_for(council: dict, at: date) -> list[str]:
    """The fixed queries, plus filters and names drawn from the council (same seed, same list)."""
    rng = random.Random(42)
    committees = [c["id"] for c in council["committees"]]
    surnames = sorted({m["name"].split()[-1] for m in council["members"]})
    extra = [
        f"budget committee:{committees[0]}",
        f"committee:{committees[min(1, len(committees) - 1)]} report",
        f"housing from:{at.year}-01-01 to:{at.year}-12-31",
        "paragraph:3 contract",
        "status:published consultation",
    ]
    extra += rng.sample(surnames, min(4, len(surnames)))
    return QUERIES + extra


def index_from_memory(made, folder, procs: int) -> tuple[int, float]:
    """Builds a new index version from the generated documents; returns (count, seconds)."""
    from index.build import write_documents
    from index.schema import IndexDoc, make_schema
    from index.store import IndexFolder, storage

    index_folder = IndexFolder(folder)
    version = index_folder.new_version()
    ix = storage(version).create_index(make_schema())
    # Newest meeting first, as `rebuild` writes them.
    ordered = sorted(made.documents, key=lambda d: (str((d.meta.get("meeting") or {}).get("date") or ""), d.id),
                     reverse=True)
    docs = (IndexDoc(id=d.id, title=d.title, body="\n\n".join(d.pages),
                     committee=d.meta.get("committee"),
                     meeting_date=as_date((d.meta.get("meeting") or {}).get("date")),
                     paragraphs=tuple(d.meta.get("exempt_paragraphs") or d.labels["exempt_paragraphs"]),
                     status=d.meta.get("status", "published"))
            for d in ordered)
    started = time.perf_counter()
    count = write_documents(ix, docs, fresh=True, procs=procs, limitmb=256)
    seconds = time.perf_counter() - started
    index_folder.point_to(version.name)
    return count, seconds


def build_fts5(made, path: Path) -> None:
    """The same documents in an SQLite FTS5 table: the anchor the search latencies are read against."""
    import sqlite3

    with sqlite3.connect(path) as db:
        db.execute("CREATE VIRTUAL TABLE docs USING fts5(id UNINDEXED, title, body, tokenize='porter')")
        db.executemany("INSERT INTO docs VALUES (?, ?, ?)",
                       ((d.id, d.title, "\n\n".join(d.pages)) for d in made.documents))


def fts5_query(text: str) -> str:
    """The benchmark query in FTS5's syntax: filters dropped, words quoted, AND written out, OR/NOT and brackets kept."""
    out = []
    for token in re.findall(r'"[^"]*"|\(|\)|[^\s()"]+', text):
        if ":" in token or token == "AND":
            continue
        operator = token in ("(", ")", "OR", "NOT")
        if out and (not operator or token == "(") and out[-1] not in ("(", "OR", "NOT", "AND"):
            out.append("AND")   # FTS5 does not take an implicit AND after a bracket
        out.append(token if operator or token.startswith('"') else '"' + token + '"')
    return " ".join(out) or '"report"'


def run_fts5(path: Path, queries, rounds: int):
    import sqlite3

    db = sqlite3.connect(path)
    times, cpu = [], []
    for n in range(rounds + 1):
        for text in queries:
            match = fts5_query(text)
            started, cpu_started = time.perf_counter(), time.process_time()
            db.execute("SELECT id, title FROM docs WHERE docs MATCH ? ORDER BY bm25(docs) LIMIT 20", (match,)).fetchall()
            db.execute("SELECT count(*) FROM docs WHERE docs MATCH ?", (match,)).fetchone()
            if n:
                times.append(time.perf_counter() - started)
                cpu.append(time.process_time() - cpu_started)
    return times, cpu


def typical_member(council: dict) -> str:
    """The member with the median number of committee seats (then by id)."""
    members = sorted(council["members"], key=lambda m: (len(m.get("committees") or []), m["id"]))
    return members[len(members) // 2]["id"]


def run_whoosh(index_dir: Path, queries, rounds: int, work) -> tuple[list[float], list[float]]:
    """Times `work(searcher, query)` for each query as raw Whoosh parses it (title and body, all words)."""
    from whoosh import qparser

    from index.store import IndexFolder

    _, ix = IndexFolder(index_dir).open_current()
    parser = qparser.MultifieldParser(["title", "body"], ix.schema, group=qparser.AndGroup)
    times, cpu = [], []
    with ix.searcher() as searcher:
        for n in range(rounds + 1):
            for text in queries:
                words = " ".join(w for w in text.split() if ":" not in w) or "report"
                started, cpu_started = time.perf_counter(), time.process_time()
                work(searcher, parser.parse(words))
                if n:
                    times.append(time.perf_counter() - started)
                    cpu.append(time.process_time() - cpu_started)
    return times, cpu


def raw_page(searcher, query) -> None:
    """Whoosh as it comes: its first page of 20 with stored fields, and its total."""
    page = searcher.search_page(query, 1, pagelen=20)
    _ = [dict(hit) for hit in page], page.total


def read_postings(searcher, query) -> None:
    """The floor under any search that scores every match of a query through Whoosh's codec: each term's
    postings in title and body read a block at a time (decompressed and unpickled), nothing scored."""
    for fieldname, term in set(query.iter_all_terms()):
        for sub, _offset in searcher.leaf_searchers():
            if (fieldname, term) in sub.reader():
                matcher = sub.reader().postings(fieldname, term)
                while not hasattr(matcher, "_read_data"):   # a segment with deletions wraps its postings in a filter
                    matcher = matcher.child
                while matcher.is_active():
                    matcher._read_data()
                    matcher._next_block()


def run_trimmed(data_dir: Path, member: str, at, queries, rounds: int, snippets: bool):
    from gateway.config import Settings
    from gateway.runtime import Gateway
    from index import DocumentIndex

    gw = Gateway(Settings(data_dir=data_dir))
    search_index = DocumentIndex(gw.settings.index_dir)
    started = time.perf_counter()
    search_index.search(gw, member, queries[0], at=at, snippets=snippets)
    first = time.perf_counter() - started
    times, cpu, cold, cold_cpu = [], [], [], []
    for n in range(rounds + 1):
        for i, text in enumerate(queries):
            started, cpu_started = time.perf_counter(), time.process_time()
            search_index.search(gw, member, text, at=at, page_size=20, snippets=snippets)
            if n:
                times.append(time.perf_counter() - started)
                cpu.append(time.process_time() - cpu_started)
            elif i:   # the warm-up round: each query's first run, before its ranked matches are kept
                cold.append(time.perf_counter() - started)
                cold_cpu.append(time.process_time() - cpu_started)
    return times, cpu, first, (cold, cold_cpu)


def worker(args) -> None:
    """A fresh process that only searches: prints its timings and peak RSS as JSON."""
    queries = json.loads(args.worker_queries)
    at = date.fromisoformat(args.worker_at)
    if args.worker in ("raw", "postings"):
        work = raw_page if args.worker == "raw" else read_postings
        (times, cpu), first, cold = run_whoosh(Path(args.worker_dir) / "index", queries, args.rounds, work), None, None
    elif args.worker == "fts5":
        (times, cpu), first, cold = run_fts5(Path(args.worker_dir).parent / "fts5.sqlite", queries, args.rounds), None, None
    else:
        times, cpu, first, cold = run_trimmed(Path(args.worker_dir), args.worker_member, at, queries, args.rounds,
                                              snippets=args.worker == "trimmed+snippets")
    cold, cold_cpu = cold or (None, None)
    print(json.dumps({"times": times, "cpu": cpu, "first": first, "cold": cold, "cold_cpu": cold_cpu,
                      "rss_mb": rss_mb()}))


def in_fresh_process(kind, data_dir, member, at, queries, rounds) -> dict:
    out = subprocess.run(
        [sys.executable, __file__, "--worker", kind, "--worker-dir", str(data_dir), "--worker-member", member or "",
         "--worker-at", at.isoformat(), "--worker-queries", json.dumps(queries), "--rounds", str(rounds)],
        check=True, capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--documents", type=int, default=100_000)
    parser.add_argument("--members", type=int, default=60)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--procs", type=int, default=1, help="Whoosh writer processes for the build")
    parser.add_argument("--rounds", type=int, default=3, help="timed runs of each query")
    parser.add_argument("--keep", type=Path, help="build here and keep it (default: a temporary folder)")
    parser.add_argument("--reuse", type=Path, help="skip generating and building: query a folder kept with --keep")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--worker-dir", help=argparse.SUPPRESS)
    parser.add_argument("--worker-member", help=argparse.SUPPRESS)
    parser.add_argument("--worker-at", help=argparse.SUPPRESS)
    parser.add_argument("--worker-queries", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        worker(args)
        return 0

    from gateway.config import Settings
    from gateway.runtime import Gateway

    if args.reuse:
        folder = args.reuse
        plan = json.loads((folder / "plan.json").read_text())
        queries, member, at = plan["queries"], plan["member"], date.fromisoformat(plan["at"])
        data_dir = folder / "data"
        gw = Gateway(Settings(data_dir=data_dir))
        print(f"search benchmark: reusing {folder} ({plan['documents']} documents)")
    else:
        folder = args.keep or Path(tempfile.mkdtemp(prefix="search-bench-"))
        folder.mkdir(parents=True, exist_ok=True)
        print(f"search benchmark: {args.documents} documents, {args.members} members, seed {args.seed}, in {folder}")

        started = time.perf_counter()
        made, at = generate(args.members, args.documents, args.seed)
        words = sum(len(" ".join(d.pages).split()) for d in made.documents) / len(made.documents)
        print(f"generated in {time.perf_counter() - started:.1f} s; {words:.0f} words per document on average")

        data_dir = folder / "data"
        gw = Gateway(Settings(data_dir=data_dir))
        gw.init()
        started = time.perf_counter()
        store(gw, made, folder, args.seed)
        print(f"stored in the database in {time.perf_counter() - started:.1f} s")

        started = time.perf_counter()
        build_fts5(made, folder / "fts5.sqlite")
        print(f"SQLite FTS5 table (the anchor) built in {time.perf_counter() - started:.1f} s")

        count, seconds = index_from_memory(made, gw.settings.index_dir, args.procs)
        print(f"index build: {count} documents in {seconds:.1f} s = {count / seconds:.0f} documents/s "
              f"(procs={args.procs}); peak RSS of this process so far {rss_mb():.0f} MB")

        queries = queries_for(made.council, at)
        member = typical_member(made.council)
        (folder / "plan.json").write_text(json.dumps({"queries": queries, "member": member, "at": at.isoformat(),
                                                      "documents": count}))
        del made
    print(f"{len(queries)} queries x {args.rounds} rounds (after one warm-up round); typical member {member}; at {at}")

    fts5 = in_fresh_process("fts5", data_dir, None, at, queries, args.rounds)
    raw = in_fresh_process("raw", data_dir, None, at, queries, args.rounds)
    postings = in_fresh_process("postings", data_dir, None, at, queries, args.rounds)
    trimmed = in_fresh_process("trimmed", data_dir, member, at, queries, args.rounds)
    snippets = in_fresh_process("trimmed+snippets", data_dir, member, at, queries, args.rounds)

    def row(name, result):
        times = [t * 1000 for t in result["times"]]
        cpu = [t * 1000 for t in result["cpu"]]
        return (f"  {name:<24} wall p50 {statistics.median(times):6.1f}  p95 {percentile(times, 95):6.1f}  "
                f"max {max(times):6.1f} ms | CPU p50 {statistics.median(cpu):6.1f}  p95 {percentile(cpu, 95):6.1f} ms"
                f" | worker RSS {result['rss_mb']:4.0f} MB")

    print(f"query latency (first page of 20, total counted; load average now {os.getloadavg()[0]:.1f}):")
    print(row("SQLite FTS5 (anchor)", fts5))
    print(row("raw Whoosh (untrimmed)", raw))
    print(row("postings read (floor)", postings))
    print(row("trimmed, no snippets", trimmed))
    print(row("trimmed, with snippets", snippets))
    for kind in ("times", "cpu"):
        raw_p95 = percentile(raw[kind], 95)
        print(f"  trimmed p95 / raw p95 ({'wall' if kind == 'times' else 'CPU'}): "
              f"{percentile(trimmed[kind], 95) / raw_p95:.2f} (no snippets), "
              f"{percentile(snippets[kind], 95) / raw_p95:.2f} (with snippets); "
              f"raw Whoosh p95 / FTS5 p95: {raw_p95 / percentile(fts5[kind], 95):.2f}")
    for name, result in (("no snippets", trimmed), ("with snippets", snippets)):
        cold, cold_cpu = [t * 1000 for t in result["cold"]], [t * 1000 for t in result["cold_cpu"]]
        print(f"  trimmed, {name}, each query's first run (nothing kept yet): wall p50 "
              f"{statistics.median(cold):6.1f}  p95 {percentile(cold, 95):6.1f} ms = "
              f"{percentile(cold, 95) / 1000 / percentile(raw['times'], 95):.2f} x raw p95 | CPU p50 "
              f"{statistics.median(cold_cpu):6.1f}  p95 {percentile(cold_cpu, 95):6.1f} ms = "
              f"{percentile(cold_cpu, 95) / 1000 / percentile(raw['cpu'], 95):.2f} x raw p95")
    print(f"  first trimmed search of the member (facts snapshot + decisions, cold): {trimmed['first'] * 1000:.0f} ms")

    from index import DocumentIndex

    if args.reuse:
        return 0
    search_index = DocumentIndex(gw.settings.index_dir)
    ids = [f"doc-{n:0{max(5, len(str(args.documents)))}d}" for n in range(1, 21)]
    started = time.perf_counter()
    for ident in ids:
        search_index.update(gw, [ident])
    single = (time.perf_counter() - started) / len(ids)
    started = time.perf_counter()
    search_index.update(gw, [f"doc-{n:0{max(5, len(str(args.documents)))}d}" for n in range(21, 221)])
    batch = time.perf_counter() - started
    print(f"incremental update: {single * 1000:.0f} ms per single-document call; 200 documents in one call "
          f"{batch:.1f} s")
    print(f"peak RSS of the benchmark process (holds the generated text): {rss_mb():.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
