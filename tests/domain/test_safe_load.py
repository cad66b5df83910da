"""Hostile input files: refused fast, in one short line naming the file, never with a traceback."""

import json
import time
import tracemalloc

import pytest

from gateway.config import Settings
from gateway.domain.council_file import load_council
from gateway.domain.decisions_file import load_decisions
from gateway.domain.errors import InputError
from gateway.domain.ingest import read_folder
from gateway.domain.safe_load import InputLimits, read_structured
from gateway.runtime import Gateway

# Under 400 bytes that expand to 10^9 strings when the aliases are followed.
BILLION_LAUGHS = "\n".join(
    ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    + [f"{n}: &{n} [{','.join(['*' + p] * 10)}]" for p, n in zip("abcdefgh", "bcdefghi")]
) + "\n"


def _refused(path, limits=InputLimits()) -> str:
    with pytest.raises(InputError) as caught:
        read_structured(path, limits)
    message = str(caught.value)
    assert message.startswith(f"{path}: ") and "\n" not in message and len(message) < len(str(path)) + 200
    return message


def _write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_billion_laughs_is_refused_at_the_first_alias_quickly_and_small(tmp_path):
    path = _write(tmp_path, "council.yaml", BILLION_LAUGHS)
    tracemalloc.start()
    started = time.monotonic()
    message = _refused(path)
    elapsed = time.monotonic() - started
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert "aliases" in message and message.endswith("(line 2)") and "lol" not in message
    assert elapsed < 10 and peak < 50 * 2**20


def test_an_alias_is_refused_even_when_harmless(tmp_path):
    path = _write(tmp_path, "council.yaml", "x: &one {a: 1}\ny: *one\n")
    assert "aliases" in _refused(path)


@pytest.mark.parametrize("name, text", [
    ("deep.yaml", "a: " + "[" * 100_000 + "]" * 100_000 + "\n"),
    ("deep-block.yaml", "".join(f"{' ' * i}k:\n" for i in range(2000))),
    ("deep.json", '{"a": ' + "[" * 100_000 + "]" * 100_000 + "}"),
    ("deep-objects.json", '{"a": ' * 100_000 + "1" + "}" * 100_000),
])
def test_deep_nesting_is_refused_without_a_recursion_error(tmp_path, name, text):
    assert "nested more than 32 levels deep" in _refused(_write(tmp_path, name, text))


def test_nesting_up_to_the_limit_is_read(tmp_path):
    limits = InputLimits(max_depth=3)
    assert read_structured(_write(tmp_path, "ok.yaml", "a: [[1]]\n"), limits) == {"a": [[1]]}
    assert read_structured(_write(tmp_path, "ok.json", '{"a": [[1]]}'), limits) == {"a": [[1]]}
    assert "nested more than 3" in _refused(_write(tmp_path, "no.json", '{"a": [[[1]]]}'), limits)
    assert "nested more than 3" in _refused(_write(tmp_path, "no.yaml", "a: [[[1]]]\n"), limits)


@pytest.mark.parametrize("name, text", [
    ("big.yaml", "a: " + "9" * 5000 + "\n"),
    ("big-float.yaml", "a: 1." + "5" * 5000 + "\n"),
    ("tagged.yaml", 'a: !!int "' + "9" * 5000 + '"\n'),
    ("big.json", '{"a": ' + "9" * 5000 + "}"),
    ("big-float.json", '{"a": 1.' + "5" * 5000 + "}"),
])
def test_huge_numbers_are_refused_with_a_message(tmp_path, name, text):
    message = _refused(_write(tmp_path, name, text))
    assert "a number of 5,00" in message and "at most 32" in message


def test_numbers_that_are_text_or_ordinary_are_read(tmp_path):
    path = _write(tmp_path, "ok.yaml", f'a: "{"9" * 5000}"\nb: 12\nc: 1.5\n')
    assert read_structured(path) == {"a": "9" * 5000, "b": 12, "c": 1.5}
    assert read_structured(_write(tmp_path, "ok.json", '{"b": -12, "c": 1.5e3}')) == {"b": -12, "c": 1500.0}


def test_json_nan_and_infinity_are_refused(tmp_path):
    assert "NaN is not a number" in _refused(_write(tmp_path, "nan.json", '{"a": NaN}'))
    assert "Infinity is not a number" in _refused(_write(tmp_path, "inf.json", '{"a": [-Infinity]}'))


@pytest.mark.parametrize("name, text", [
    ("nul.yaml", 'name: "Cllr\\0Evil"\n'),
    ("nul-key.yaml", '"na\\0me": x\n'),
    ("nul.json", '{"name": "Cllr\\u0000Evil"}'),
    ("nul-after-backslash.json", '{"name": "a\\\\\\u0000"}'),
])
def test_nul_characters_are_refused(tmp_path, name, text):
    assert "NUL character" in _refused(_write(tmp_path, name, text))


def test_an_escaped_backslash_before_u0000_is_ordinary_text(tmp_path):
    assert read_structured(_write(tmp_path, "ok.json", '{"a": "\\\\u0000"}')) == {"a": "\\u0000"}


def test_a_file_over_the_size_limit_is_refused_unread(tmp_path):
    path = _write(tmp_path, "council.yaml", "a: " + "x" * 2000 + "\n")
    assert "larger than the limit of 1,000 bytes" in _refused(path, InputLimits(max_bytes=1000))
    assert read_structured(path, InputLimits(max_bytes=2100)) == {"a": "x" * 2000}


@pytest.mark.parametrize("name, text, problem", [
    ("syntax.yaml", "council: [unclosed\n", "syntax error"),
    ("syntax.json", '{"council": }', "syntax error: Expecting value (line 1)"),
    ("date.yaml", "until: 2026-13-45\n", "cannot read a value: month must be in 1..12"),
    ("tag.yaml", "x: !!python/object/apply:os.system [ls]\n", "could not determine a constructor"),
    ("list.yaml", "- a\n- b\n", "expected a mapping at the top level"),
    ("two.yaml", "a: 1\n---\nb: 2\n", "expected a single document"),
])
def test_malformed_files_get_one_line(tmp_path, name, text, problem):
    assert problem in _refused(_write(tmp_path, name, text))


def test_every_loader_reads_through_the_limits(tmp_path):
    """The council file, the decisions file and documents.yaml all refuse a billion laughs."""
    gw = Gateway(Settings(data_dir=tmp_path / "data"))
    gw.init()
    laughs = _write(tmp_path, "laughs.yaml", BILLION_LAUGHS)
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "documents.yaml").write_text(BILLION_LAUGHS)
    loaders = [lambda: load_council(gw.sessions(), laughs), lambda: load_decisions(gw.sessions(), laughs),
               lambda: read_folder(folder, {})]
    for load in loaders:
        with pytest.raises(InputError, match="aliases"):
            load()


def test_a_council_file_of_real_size_loads_as_json_too(tmp_path):
    data = {"groups": [{"id": f"grp-{n}", "name": f"Group {n}", "aliases": [f"G{n}"]} for n in range(5000)]}
    path = _write(tmp_path, "big.json", json.dumps(data))
    assert len(read_structured(path)["groups"]) == 5000
