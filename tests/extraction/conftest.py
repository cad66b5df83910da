import sys
from pathlib import Path

# Make `import gateway` work however pytest is started (`pytest`, `python -m pytest`).
_ROOT = str(Path(__file__).resolve().parents[2])
if _ROOT not in sys.path:
    sys.path.insert(0, _ROOT)
