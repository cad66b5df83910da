"""Strict field types for input files: values are checked and normalised, and every failure names
the file, the entry and the field. Keys a schema does not name are ignored (CONTRACT.md: extend freely)."""

import dataclasses
import re
from dataclasses import dataclass
from datetime import date, datetime
from urllib.parse import urlsplit

from gateway.domain.errors import InputError
from gateway.domain.safe_load import shown

SAFE_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,99}")
EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")


@dataclass(frozen=True)
class Where:
    """The place being checked; `refs` collects (section, id, place) to resolve once every id is known."""

    file: str
    entry: str | None
    field: str | None = None
    refs: list = dataclasses.field(default_factory=list, compare=False)

    def at(self, key: str | int) -> "Where":
        name = f"{self.field or ''}[{key}]" if isinstance(key, int) else ".".join(filter(None, (self.field, key)))
        return Where(self.file, self.entry, name, self.refs)

    def fail(self, problem: str):
        raise InputError(self.file, self.entry, self.field, problem)


class Spec:
    """What every field type has: whether it is required, its value when absent, the word when missing."""

    required = False
    default = None
    missing = "missing"


@dataclass(frozen=True)
class Text(Spec):
    required: bool = False
    max_len: int = 200
    missing: str = "missing"

    def check(self, value, where: Where) -> str:
        # YAML reads an unquoted 1234 (a ward, a password) as a number: take it as written. Not a bool.
        if isinstance(value, bool) or not isinstance(value, (str, int)):
            where.fail(f"must be text, not {shown(value)}")
        if len(str(value)) > self.max_len:
            where.fail(f"longer than {self.max_len} characters")
        return str(value)


@dataclass(frozen=True)
class Id(Spec):
    """An id of a safe shape (it names files, URLs and audit records); `ref`: the section it must name."""

    required: bool = True
    ref: str | None = None

    def check(self, value, where: Where) -> str:
        if not isinstance(value, str) or not SAFE_ID.fullmatch(value):
            where.fail(f"{shown(value)} is not an id (a letter or digit, then letters, digits, '.', '_', '-'; "
                       "at most 100)")
        if self.ref:
            where.refs.append((self.ref, value, where))
        return value


@dataclass(frozen=True)
class Email(Spec):
    required: bool = False

    def check(self, value, where: Where) -> str:
        if not isinstance(value, str) or len(value) > 254 or not EMAIL.fullmatch(value):
            where.fail(f"{shown(value)} is not an email address")
        return value


@dataclass(frozen=True)
class WebAddress(Spec):
    """An http(s) address to link to from the pages; `{paragraph}` in it is replaced by the paragraph cited."""

    required: bool = False

    def check(self, value, where: Where) -> str:
        parts = urlsplit(value) if isinstance(value, str) and len(value) <= 500 else None
        if parts is None or parts.scheme not in ("http", "https") or not parts.netloc or any(c <= " " for c in value):
            where.fail(f"{shown(value)} is not a web address (https://..., at most 500 characters)")
        return value


@dataclass(frozen=True)
class Whole(Spec):
    """A whole number; `true` or `"3"` is not one."""

    required: bool = False

    def check(self, value, where: Where) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            where.fail(f"must be a whole number, not {shown(value)}")
        return value


@dataclass(frozen=True)
class Flag(Spec):
    """true or false; "yes" or 1 is not one."""

    required: bool = False
    default: bool = False

    def check(self, value, where: Where) -> bool:
        if not isinstance(value, bool):
            where.fail(f"must be true or false, not {shown(value)}")
        return value


@dataclass(frozen=True)
class Day(Spec):
    required: bool = False

    def check(self, value, where: Where) -> date:
        if isinstance(value, date) and not isinstance(value, datetime):
            return value   # YAML reads an unquoted 2027-03-31 as a date already
        if isinstance(value, str):
            try:
                return date.fromisoformat(value)
            except ValueError:
                pass
        where.fail(f"{shown(value)} is not an ISO date (YYYY-MM-DD)")


@dataclass(frozen=True)
class OneOf(Spec):
    choices: tuple
    required: bool = False
    default: str | None = None

    def check(self, value, where: Where) -> str:
        if not isinstance(value, str) or value not in self.choices:
            where.fail(f"{shown(value)} is not one of {', '.join(self.choices)}")
        return value


@dataclass(frozen=True)
class ListOf(Spec):
    item: object
    required: bool = False
    default: tuple = ()

    def check(self, value, where: Where) -> list:
        if not isinstance(value, list):
            where.fail(f"must be a list, not {shown(value)}")
        return [checked(self.item, v, where.at(i), required=True) for i, v in enumerate(value)]


@dataclass(frozen=True)
class Record(Spec):
    """A mapping with known fields; the result holds every field, absent ones as their default."""

    fields: dict
    required: bool = False

    def check(self, value, where: Where) -> dict:
        if not isinstance(value, dict):
            where.fail(f"must be a mapping, not {shown(value)}")
        return {name: checked(spec, value.get(name), where.at(name)) for name, spec in self.fields.items()}


@dataclass(frozen=True)
class Entries:
    """A top-level list of records, each named `section[i] (id)` in messages; `keyed`: unique ids."""

    record: Record
    required: bool = False
    keyed: bool = True


def checked(spec, value, where: Where, required: bool = False):
    """`value` checked against `spec`; an absent or blank value is the default, or 'missing' when required."""
    if value is None or value == [] or (isinstance(value, str) and not value.strip()):
        if required or spec.required:
            where.fail(spec.missing)
        return list(spec.default) if isinstance(spec.default, tuple) else spec.default
    return spec.check(value, where)


def check_file(path, data: dict, sections: dict, known: dict | None = None) -> tuple[dict, dict]:
    """The file's sections checked and normalised, and the ids of each keyed section.

    References resolve against the file's own ids and `known` (section -> ids kept elsewhere).
    """
    refs: list = []
    result, ids = {}, {}
    for name, spec in sections.items():
        if isinstance(spec, Entries):
            result[name], ids[name] = _entries(path, name, data.get(name), spec, refs)
        else:
            value = data.get(name)
            if value is None and spec.required:
                raise InputError(path, None, name, "missing section")
            result[name] = checked(spec, value, Where(str(path), name, None, refs))
    resolve(refs, {**(known or {}), **ids})
    return result, ids


def resolve(refs: list, ids_known: dict) -> None:
    """Fails at the first reference (from `Where.refs`) to an id its section does not hold."""
    for section, ident, where in refs:
        if ident not in ids_known.get(section, ()):
            where.fail(f"unknown {section[:-1]} {shown(ident)}")


def _entries(path, name: str, value, spec: Entries, refs: list) -> tuple[list, set]:
    if value is None:
        if spec.required:
            raise InputError(path, None, name, "missing section")
        return [], set()
    if not isinstance(value, list):
        raise InputError(path, None, name, f"must be a list, not {shown(value)}")
    items, seen = [], set()
    for i, raw in enumerate(value):
        ident = raw.get("id") if spec.keyed and isinstance(raw, dict) else None
        where = Where(str(path), entry_name(name, i, ident), None, refs)
        item = spec.record.check(raw, where)
        if spec.keyed:
            if item["id"] in seen:
                where.at("id").fail(f"duplicate id {shown(item['id'])}")
            seen.add(item["id"])
        items.append(item)
    return items, seen


def entry_name(section: str, index: int, ident=None) -> str:
    """`members[3] (cllr-x)`; an id that is not of a safe shape is left out, to keep messages one line."""
    safe = isinstance(ident, str) and SAFE_ID.fullmatch(ident)
    return f"{section}[{index}]" + (f" ({ident})" if safe else "")
