"""Whoosh's optimized top N against scoring every match, on a council kept by `search.py --keep`.

    python benchmarks/top_n.py --reuse FOLDER [--rounds 3] [--allowed 0.8] [--page 20]

Issue 13's idea for a member's first search: take the page from Whoosh's top-N collector, which
skips posting blocks whose best possible score cannot reach the page (block-max quality), filtered
to the member's document numbers, and the exact total from an unscored count of the matches
intersected with that set. For the queries of `search.py` (the words of the readable search: title
and body, phrase boost included) this prints CPU per query, best of `--rounds`, of:
  * every match scored (`UnlimitedCollector`), phrase boost read everywhere: Whoosh's own ranking; the anchor;
  * the words alone, every match scored (without the phrase boost): how much the boost costs;
  * what search does (`index.counting`): the words' matches scored, the phrase read only as far as
    the page needs (`index/phrase_first.py`), the page and exact total for the allowed set;
  * top N, filtered (`TopCollector(usequality=True)` in a `FilterCollector`), and the blocks it skipped;
  * the exact count (`docs_for_query` of the words, intersected with the allowed set);
and how many queries' top N differ from the first N of the full ranking, with Whoosh's matcher
replacement on (its default) and off. The allowed set is a seeded random `--allowed` share of the
document numbers: the member's own set does not change what either method costs per match.
"""

import argparse
import json
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def best_cpu_ms(run, rounds: int) -> float:
    best = float("inf")
    for _ in range(rounds):
        started = time.process_time()
        run()
        best = min(best, time.process_time() - started)
    return best * 1000.0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--reuse", type=Path, required=True, help="a folder kept by `benchmarks/search.py --keep`")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--allowed", type=float, default=0.8, help="share of documents the member may open")
    parser.add_argument("--page", type=int, default=20, help="N: the results wanted")
    args = parser.parse_args(argv)

    from whoosh.collectors import FilterCollector, TopCollector, UnlimitedCollector
    from whoosh.query import AndMaybe

    from index.counting import ranked_matches, top_and_total
    from index.querylang import parse
    from index.ranking import OwnTextWeighting
    from index.store import IndexFolder

    plan = json.loads((args.reuse / "plan.json").read_text())
    _, ix = IndexFolder(args.reuse / "data" / "index").open_current()
    searcher = ix.searcher(weighting=OwnTextWeighting())
    rng = random.Random(1)
    allowed = {d for d in range(searcher.doc_count_all()) if rng.random() < args.allowed}
    print(f"top-N benchmark: {plan['documents']} documents, {len(allowed)} allowed, page of {args.page}")

    def every_match(q):
        collector = UnlimitedCollector()
        searcher.search_with_collector(q, collector)
        return collector.results().top_n

    def top(q, replace=10):
        inner = TopCollector(args.page, usequality=True, replace=replace)
        collector = FilterCollector(inner, allow=allowed)
        searcher.search_with_collector(q, collector)
        return collector.results().top_n, inner.skipped_times

    rows, wrong = [], {10: 0, 0: 0}
    for text in plan["queries"]:
        q = parse(text).readable
        if q is None:
            continue
        words = q.a if isinstance(q, AndMaybe) else q
        want = [docnum for _score, docnum in every_match(q) if docnum in allowed][:args.page]
        for replace in wrong:
            wrong[replace] += [docnum for _score, docnum in top(q, replace)[0]] != want
        assert [docnum for _score, docnum in top_and_total(ranked_matches(searcher, q), args.page, allowed)[1]] == want
        rows.append((text, best_cpu_ms(lambda: every_match(q), args.rounds),
                     best_cpu_ms(lambda: every_match(words), args.rounds),
                     best_cpu_ms(lambda: top_and_total(ranked_matches(searcher, q), args.page, allowed), args.rounds),
                     best_cpu_ms(lambda: top(q, 0), args.rounds), top(q, 0)[1],
                     best_cpu_ms(lambda: len(allowed.intersection(searcher.docs_for_query(words))), args.rounds)))

    print(f"{'query':<34} {'all scored':>10} {'no boost':>9} {'search':>8} {'top N':>8} {'skipped':>8} {'count':>8}"
          "  (CPU ms)")
    for text, full, plain, search, topn, skipped, count in rows:
        print(f"{text[:34]:<34} {full:10.1f} {plain:9.1f} {search:8.1f} {topn:8.1f} {skipped:8d} {count:8.1f}")
    full = statistics.median(r[1] for r in rows)
    print(f"median over {len(rows)} queries: every match scored {full:.1f} ms (the anchor); "
          f"words alone {statistics.median(r[2] for r in rows) / full:.2f}x; "
          f"search {statistics.median(r[3] for r in rows) / full:.2f}x; "
          f"top N {statistics.median(r[4] for r in rows) / full:.2f}x; "
          f"count {statistics.median(r[6] for r in rows) / full:.2f}x; "
          f"top N + count {statistics.median(r[4] + r[6] for r in rows) / full:.2f}x; "
          f"blocks skipped per query {statistics.median(r[5] for r in rows):.0f}")
    worst = sorted(rows, key=lambda r: r[1])[-3:]
    print("the three slowest to score every match: " + "; ".join(
        f"{r[0]} {r[1]:.0f} ms, search {r[3]:.0f} ms" for r in worst))
    print(f"top N unlike the full ranking's first {args.page}: {wrong[10]} of {len(rows)} queries with whoosh's "
          f"matcher replacement, {wrong[0]} without")
    return 0


if __name__ == "__main__":
    sys.exit(main())
