"""The search index: derived from the store, rebuildable, and trimmed to what each caller may discover.

    open_index(path)                    the Whoosh index at path (created empty if there is none)
    DocumentIndex(path).update(gw, ids) (re)index these documents from the store
    DocumentIndex(path).rebuild(gw)     build anew in a new folder, then swap
    DocumentIndex(path).search(gw, account_id, query, ...)

Visibility always comes from the decision service (`gateway.access`); see `index/trimming.py`.
"""

from index.querylang import QueryError
from index.search import DocumentIndex, open_index
from index.store import IndexUnavailable

__all__ = ["DocumentIndex", "IndexUnavailable", "QueryError", "open_index"]
