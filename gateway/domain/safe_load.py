"""Reading a YAML or JSON input file with limits, so a hostile file is refused fast and in one line.

Council files, documents.yaml and decisions files all come through `read_structured`. A file is
refused before anything is built from it when it is too large, nests too deeply, uses YAML
aliases (the "billion laughs"), holds a number too long to be a real value, or a NUL character.
"""

import json
import re
from dataclasses import dataclass
from pathlib import Path

from gateway.domain.errors import InputError

_NUMBER_TAGS = ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float")
_JSON_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]')
_JSON_NUL = re.compile(r"(?<!\\)(?:\\\\)*\\u0000")   # an escaped NUL, not an escaped backslash before "u0000"
_SHOWN = 60


@dataclass(frozen=True)
class InputLimits:
    max_bytes: int = 5 * 1024 * 1024
    max_depth: int = 32           # the council file itself needs 5
    max_number_chars: int = 32    # far beyond any real value, far below int()'s 4300-digit limit


def read_structured(path: Path, limits: InputLimits = InputLimits()) -> dict:
    """The mapping held by the YAML or JSON file at `path`; InputError names the file and the line."""
    text = _read_text(Path(path), limits.max_bytes)
    if str(path).endswith(".json"):
        data = _load_json(path, text, limits)
    else:
        data = _load_yaml(path, text, limits)
    if not isinstance(data, dict):
        raise InputError(path, None, None, "expected a mapping at the top level")
    return data


def shown(value) -> str:
    """`value` for a message: one line, and short however long the value is."""
    text = repr(value)
    return text if len(text) <= _SHOWN else text[:_SHOWN] + "..."


def _read_text(path: Path, max_bytes: int) -> str:
    try:
        with path.open("rb") as f:
            raw = f.read(max_bytes + 1)   # never more than the limit, whatever the file is
        if len(raw) > max_bytes:
            raise InputError(path, None, None, f"larger than the limit of {max_bytes:,} bytes")
        return raw.decode("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(path, None, None, f"cannot read the file ({exc})") from None


def _load_yaml(path, text: str, limits: InputLimits):
    import yaml   # here, where a file is read: a web worker that never reads one need not hold it (issue 13)

    # libyaml when the wheel has it: the same results, many times faster than the pure-Python parser.
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        _check_yaml_events(path, yaml.parse(text, Loader=loader), limits)
        return yaml.load(text, Loader=loader)
    except InputError:
        raise
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = " ".join(part for part in (exc.context, exc.problem) if part)
        raise _refused(path, mark.line + 1 if mark else None, f"syntax error: {problem}") from None
    except (yaml.YAMLError, ValueError, OverflowError) as exc:
        # ValueError: a value of the right shape that does not exist, such as the date 2026-13-45
        raise InputError(path, None, None, f"cannot read a value: {' '.join(str(exc).split())[:120]}") from None


def _check_yaml_events(path, events, limits: InputLimits) -> None:
    """Refuses at the first alias, the first level too deep, the first over-long number or NUL."""
    import yaml

    resolver = yaml.resolver.Resolver()
    depth = 0
    for event in events:
        line = event.start_mark.line + 1
        if isinstance(event, yaml.AliasEvent):
            raise _refused(path, line, "YAML aliases (*name) are not accepted: write the value out")
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > limits.max_depth:
                raise _refused(path, line, f"nested more than {limits.max_depth} levels deep")
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
        elif isinstance(event, yaml.ScalarEvent):
            if "\x00" in event.value:
                raise _refused(path, line, "a NUL character is not accepted in text")
            tag = event.tag if event.tag not in (None, "!") else \
                resolver.resolve(yaml.ScalarNode, event.value, event.implicit)
            if tag in _NUMBER_TAGS and len(event.value) > limits.max_number_chars:
                raise _refused(path, line, _long_number(event.value, limits))


def _load_json(path, text: str, limits: InputLimits):
    _check_json_tokens(path, text, limits)

    def number(kind):
        def parse(literal: str):
            if len(literal) > limits.max_number_chars:
                raise InputError(path, None, None, _long_number(literal, limits))
            return kind(literal)
        return parse

    def refuse_constant(name: str):
        raise InputError(path, None, None, f"{name} is not a number this file may hold")

    try:
        return json.loads(text, parse_int=number(int), parse_float=number(float), parse_constant=refuse_constant)
    except json.JSONDecodeError as exc:
        raise _refused(path, exc.lineno, f"syntax error: {exc.msg}") from None


def _check_json_tokens(path, text: str, limits: InputLimits) -> None:
    """Depth and NUL checks before json.loads, whose recursive parser would otherwise overflow."""
    depth = 0
    for token in _JSON_TOKEN.finditer(text):
        lexeme = token.group()
        if lexeme[0] == '"':
            if _JSON_NUL.search(lexeme):
                raise _refused(path, _json_line(text, token), "a NUL character is not accepted in text")
        elif lexeme in "[{":
            depth += 1
            if depth > limits.max_depth:
                raise _refused(path, _json_line(text, token), f"nested more than {limits.max_depth} levels deep")
        else:
            depth -= 1


def _json_line(text: str, token: re.Match) -> int:
    return text.count("\n", 0, token.start()) + 1


def _refused(path, line: int | None, problem: str) -> InputError:
    return InputError(path, None, None, problem if line is None else f"{problem} (line {line})")


def _long_number(literal: str, limits: InputLimits) -> str:
    return f"a number of {len(literal):,} characters ({literal[:12]}...): at most {limits.max_number_chars} are accepted"
