"""The gateway's use-cases, each written once: the pages, the JSON API and the command line call these.

No Flask in here. Each function takes the Gateway, a database session and plain arguments, and
either returns what the caller shows or raises one of the typed outcomes of `outcomes.py`;
a change commits together with its audit record (`unit.py`), or not at all.
"""
