"""Ingest throughput against pdfminer.six's own `extract_text` on the same PDFs.

    python benchmarks/ingest.py [--documents 200] [--members 24] [--seed 1]

Writes a demo council with `gateway demo` (its documents as PDFs), then on the same files:
  * anchor: `pdfminer.high_level.extract_text` of each PDF in one process (pages/s per core);
  * `gateway ingest` of the folder into a fresh data directory (extract in the worker pool,
    classify, store, index in batches), timed by wall clock, with the CPU of the command and its
    workers (cores busy = CPU seconds / wall seconds).
Prints ingest pages/s, its ratio to the anchor per core and per core x cores used, and the
anchor is run again after ingest so a change in machine load shows (the two anchors should agree).
"""

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

GATEWAY = Path(sys.executable).with_name("gateway")


def anchor(pdfs: list[Path]) -> tuple[int, float]:
    """(pages, CPU seconds) for pdfminer.six's extract_text over every PDF, in this process."""
    from pdfminer.high_level import extract_text

    pages, started = 0, time.process_time()
    for pdf in pdfs:
        pages += extract_text(str(pdf)).count("\f")   # one form feed ends each page
    return pages, time.process_time() - started


def ingest(council: Path, documents: Path, data: Path) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the command and its workers) for `gateway ingest`."""
    env = {**os.environ, "GATEWAY_DATA_DIR": str(data)}
    subprocess.run([GATEWAY, "init"], env=env, check=True, capture_output=True)
    subprocess.run([GATEWAY, "load-council", str(council)], env=env, check=True, capture_output=True)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run([GATEWAY, "ingest", str(documents), "--json"], env=env, check=True, capture_output=True)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--documents", type=int, default=200)
    parser.add_argument("--members", type=int, default=24)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)

    folder = Path(tempfile.mkdtemp(prefix="ingest-bench-"))
    subprocess.run([GATEWAY, "demo", str(folder / "demo"), "--documents", str(args.documents),
                    "--members", str(args.members), "--seed", str(args.seed)], check=True, capture_output=True)
    documents = folder / "demo" / "documents"
    pdfs = sorted(documents.glob("*.pdf"))
    print(f"ingest benchmark: {len(pdfs)} PDFs of {args.documents} documents in {folder} "
          f"({os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f})")

    pages, first = anchor(pdfs)
    wall, cpu = ingest(folder / "demo" / "council.yaml", documents, folder / "data")
    _, second = anchor(pdfs)
    per_core = pages / ((first + second) / 2)
    rate = pages / wall
    cores = cpu / wall
    print(f"  pdfminer.six extract_text (anchor)  {per_core:7.1f} pages/s per core "
          f"(runs before and after ingest: {pages / first:.1f}, {pages / second:.1f})")
    print(f"  gateway ingest                      {rate:7.1f} pages/s, {cores:.2f} cores busy "
          f"({wall:.1f} s wall, {cpu:.1f} CPU-s for {pages} pages, text files included)")
    print(f"  ingest / anchor per core: {rate / per_core:.2f}; per core used: {rate / cores / per_core:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
