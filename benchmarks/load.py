"""Reloading a council file, and a one-line `gateway decide --batch`, against what they used to cost.

    python benchmarks/load.py [--members 100] [--documents 20000]

* council reload: the first load hashes every password (Argon2, the library's default cost: the
  anchor); loading the same file again hashes none (an HMAC recognises unchanged passwords), and
  a file where one password changed hashes one.
* one-line batch: `decide_batch` on a file of one request, against reading every document and
  standing decision first (`FactSource.preload()`, what the batch used to do) in the same run.
"""

import argparse
import io
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def timed(fn) -> float:
    started = time.perf_counter()
    fn()
    return time.perf_counter() - started


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--members", type=int, default=100)
    parser.add_argument("--documents", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)

    import yaml

    from benchmarks._council import generate, store
    from gateway.access.batch import decide_batch
    from gateway.access.gather import FactSource
    from gateway.config import Settings
    from gateway.domain.council_file import load_council
    from gateway.runtime import Gateway

    folder = Path(tempfile.mkdtemp(prefix="load-bench-"))
    made, at = generate(args.members, args.documents, args.seed)
    gw = Gateway(Settings(data_dir=folder / "data"))
    gw.init()
    council = made.council
    for n, member in enumerate(council["members"]):
        member["password"] = f"password-{n}-long-enough"
    path = folder / "council.yaml"

    def load():
        path.write_text(yaml.safe_dump(council, sort_keys=False), encoding="utf-8")
        with gw.sessions() as session:
            load_council(session, path, gw.password_key)

    accounts = len(council["members"]) + sum(1 for o in council["officers"] if o.get("password"))
    first = timed(load)
    again = timed(load)
    council["members"][0]["password"] = "a-changed-password-1"
    one = timed(load)
    print(f"council reload, {accounts} accounts with passwords (Argon2 default cost):")
    print(f"  first load (every password hashed: the anchor) {first:7.2f} s")
    print(f"  same file again                                {again:7.2f} s = {again / first:.3f} x the anchor")
    print(f"  one password changed                           {one:7.2f} s = {one / first:.3f} x the anchor")

    store(gw, made, folder, args.seed)
    member, document = council["members"][0]["id"], made.documents[len(made.documents) // 2].id
    batch = folder / "batch.jsonl"
    batch.write_text(json.dumps({"id": "1", "member": member, "document": document, "at": at.isoformat()}) + "\n")

    def everything():
        with gw.sessions() as session:
            FactSource(session).preload()

    preload = min(timed(everything) for _ in range(2))
    one_line = min(timed(lambda: decide_batch(gw, batch, io.StringIO(), record=True)) for _ in range(3))
    print(f"one-line decide --batch on {args.documents} documents:")
    print(f"  reading every document first (the old batch: the anchor) {preload:7.3f} s")
    print(f"  decide_batch (reads what the line names, audits it)      {one_line:7.3f} s "
          f"= {one_line / preload:.4f} x the anchor")
    return 0


if __name__ == "__main__":
    sys.exit(main())
