"""python -m gateway.demo OUT_DIR [--members N] [--documents M] [--seed S] [--pdf-share F]"""

import argparse
import sys
import time
from pathlib import Path

from . import DEMO_PASSWORD, write_demo_council


def main(argv=None) -> int:
    p = argparse.ArgumentParser(prog="python -m gateway.demo", description="Write a generated demo council.")
    p.add_argument("out_dir", type=Path)
    p.add_argument("--members", type=int, default=24)
    p.add_argument("--documents", type=int, default=60)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--pdf-share", type=float, default=0.6)
    a = p.parse_args(argv)
    t = time.perf_counter()
    tty = sys.stderr.isatty()

    def progress(done, total):
        if tty and (done == total or done % 50 == 0):
            print(f"\r{done}/{total} documents", end="" if done < total else "\n", file=sys.stderr)

    made = write_demo_council(a.out_dir, a.members, a.documents, a.seed, a.pdf_share, progress)
    print(f"Wrote {len(made.council['members'])} members and {len(made.documents)} documents to {a.out_dir} "
          f"in {time.perf_counter() - t:.1f}s; every account's password is {DEMO_PASSWORD}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
