"""Every `gateway` command that needs the database refuses in one line, exit 1, when it cannot be reached."""

import click
import pytest
from click.testing import CliRunner

from gateway.cli import main

# Each command with arguments it would accept; the database is asked before any file is read.
NEEDS_DATABASE = {
    "init": [], "load-council": ["council.yaml"], "load-decisions": ["decisions.yaml"], "ingest": ["docs"],
    "decide": ["--member", "cllr-ann", "--document", "doc-1", "--json"], "notify": ["--json"],
    "audit verify": [], "audit checkpoint": [], "audit export": [], "reindex": [], "accounts": [],
    "serve": ["--port", "0"],
}
NO_DATABASE = {"classify", "demo"}   # they read files or write a demo council; they never open the database


def _command_names(group: click.Group, prefix: str = ""):
    for name, command in group.commands.items():
        if isinstance(command, click.Group):
            yield from _command_names(command, f"{prefix}{name} ")
        else:
            yield prefix + name


def test_every_command_is_listed_as_needing_the_database_or_not():
    assert set(_command_names(main)) == set(NEEDS_DATABASE) | NO_DATABASE


@pytest.fixture(params=["postgresql+psycopg://clerk:s3cret@127.0.0.1:1/none", "sqlite-in-missing-folder"])
def unreachable(request, tmp_path, monkeypatch):
    url = request.param
    if url == "sqlite-in-missing-folder":
        url = f"sqlite:///{tmp_path / 'no-such-folder' / 'gateway.db'}"
    monkeypatch.setenv("GATEWAY_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("GATEWAY_DATABASE_URL", url)
    monkeypatch.chdir(tmp_path)
    return url


@pytest.mark.parametrize("command", sorted(NEEDS_DATABASE))
def test_a_command_refuses_in_one_line_naming_the_database_without_its_password(unreachable, command):
    result = CliRunner().invoke(main, [*command.split(), *NEEDS_DATABASE[command]])
    assert result.exit_code == 1
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("gateway: the database cannot be reached (")
    named = "clerk:***@127.0.0.1:1/none" if "psycopg" in unreachable else unreachable
    assert named in lines[0] and "s3cret" not in lines[0]
    assert isinstance(result.exception, SystemExit)   # refused on purpose, not an exception escaping
