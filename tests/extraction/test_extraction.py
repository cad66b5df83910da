"""Tests for gateway.extraction.  All fixtures are generated here, in tmp_path."""

from __future__ import annotations

import io
import random
import signal
import time
import zlib
from pathlib import Path

import pytest
from fpdf import FPDF
from fpdf.enums import EncryptionMethod

import classifiers
from gateway.extraction import (
    REASON_PREFIXES,
    ClassifierContext,
    Extraction,
    Limits,
    extract,
    extract_many,
    extract_with,
    labels_of,
    worker_pool,
)
from gateway.extraction import pdf as pdf_runner

# --------------------------------------------------------------------------- helpers

PAGE_WORDS = {
    1: ["planning", "committee", "aardvark", "Schedule"],
    2: ["exempt", "information", "badger", "paragraph"],
    3: ["cabinet", "procurement", "chinchilla", "tender"],
}
FILLER = (
    "The council received the report of the director and resolved to defer the "
    "decision pending further consultation with ward members and residents. "
)


def fpdf_document(pages: dict[int, list[str]] | int, **encryption) -> bytes:
    if isinstance(pages, int):
        pages = {n: [f"pageword{n}"] for n in range(1, pages + 1)}
    pdf = FPDF()
    if encryption:
        pdf.set_encryption(**encryption)
    pdf.set_font("Helvetica", size=11)
    for n in sorted(pages):
        pdf.add_page()
        pdf.cell(0, 8, f"Page heading {n}", new_x="LMARGIN", new_y="NEXT")
        # Several wrapped lines, so gluing lines together would merge words.
        pdf.multi_cell(0, 6, FILLER * 3 + " ".join(pages[n]) + " " + FILLER * 2)
    return bytes(pdf.output())


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def hand_pdf(objects: list[bytes]) -> bytes:
    """A PDF with a correct xref table from raw object bodies (object 1 = catalog)."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def one_page_pdf(contents: bytes, *, font: bytes | None = None, flate: bool = False) -> bytes:
    resources = b"/Resources << /Font << /F1 5 0 R >> >>" if font else b""
    filters = b" /Filter /FlateDecode" if flate else b""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
        + resources
        + b" /Contents 4 0 R >>",
        b"<< /Length %d%s >>\nstream\n" % (len(contents), filters) + contents + b"\nendstream",
    ]
    if font:
        objects.append(font)
    return hand_pdf(objects)


def assert_review(result: Extraction, prefix: str) -> None:
    assert result.status == "needs_review", result
    assert not result.ok
    assert result.reason is not None and result.reason.startswith(prefix), result.reason


def words(text: str) -> set[str]:
    return set(text.replace(".", " ").split())


# --------------------------------------------------------------------------- PDFs


def test_multi_page_pdf_keeps_page_order_and_separate_words(tmp_path):
    path = write(tmp_path, "agenda.pdf", fpdf_document(PAGE_WORDS))
    result = extract(path)
    assert result.ok and result.status == "ok" and result.reason is None
    assert len(result.pages) == 3
    for n, expected in PAGE_WORDS.items():
        page = result.pages[n - 1]
        assert f"Page heading {n}" in page
        assert set(expected) <= words(page), page  # no words glued across lines
        assert set(FILLER.replace(".", "").split()) <= words(page)
        for other, other_words in PAGE_WORDS.items():
            if other != n:
                assert not set(other_words) & words(page)
    assert "\n" in result.pages[0]  # line breaks survive
    assert "\f" not in "".join(result.pages)


def test_uppercase_suffix_and_str_path(tmp_path):
    path = write(tmp_path, "AGENDA.PDF", fpdf_document(1))
    result = extract(str(path))
    assert result.ok and "pageword1" in result.pages[0]


def test_non_pdf_with_pdf_suffix(tmp_path):
    path = write(tmp_path, "minutes.pdf", b"PK\x03\x04 this is really a zip file" + b"\0" * 2000)
    assert_review(extract(path), "not a PDF")


def test_header_may_follow_junk_within_1024_bytes(tmp_path):
    path = write(tmp_path, "prefixed.pdf", b"\r\n" * 100 + fpdf_document(1))
    result = extract(path)
    assert result.reason is None or not result.reason.startswith("not a PDF")


def test_truncated_pdf_is_malformed(tmp_path):
    data = fpdf_document(PAGE_WORDS)
    path = write(tmp_path, "truncated.pdf", data[: len(data) // 2])
    assert_review(extract(path), "malformed")


def test_garbage_after_header_is_malformed(tmp_path):
    path = write(tmp_path, "garbage.pdf", b"%PDF-1.7\n" + random.Random(12).randbytes(5000))
    assert_review(extract(path), "malformed")


@pytest.mark.parametrize(
    "method", [EncryptionMethod.RC4, EncryptionMethod.AES_128, EncryptionMethod.AES_256]
)
def test_user_password_pdf_is_encrypted(tmp_path, method):
    data = fpdf_document(2, owner_password="owner", user_password="s3cret", encryption_method=method)
    result = extract(write(tmp_path, "locked.pdf", data))
    assert_review(result, "encrypted")
    assert result.pages == ()


def test_owner_password_only_pdf_is_readable(tmp_path):
    # Permissions-only encryption (empty user password): anyone can open it.
    data = fpdf_document(2, owner_password="owner", encryption_method=EncryptionMethod.AES_128)
    result = extract(write(tmp_path, "restricted.pdf", data))
    assert result.ok, result.reason
    assert "pageword2" in result.pages[1]


def test_deeply_nested_array_is_malformed(tmp_path):
    depth = 100_000
    font = (
        b"<< /Type /Font /Subtype /TrueType /BaseFont /Nested /FontDescriptor << /FontBBox "
        + b"[" * depth
        + b"]" * depth
        + b" >> >>"
    )
    data = one_page_pdf(b"BT /F1 12 Tf 72 700 Td (Hello) Tj ET", font=font)
    result = extract(write(tmp_path, "nested.pdf", data))
    assert_review(result, "malformed")
    assert "RecursionError" in result.reason


def test_nested_array_without_pages_is_malformed(tmp_path):
    data = b"%PDF-1.4\n1 0 obj\n" + b"[" * 100_000 + b"]" * 100_000 + b"\nendobj\n%%EOF\n"
    assert_review(extract(write(tmp_path, "nested2.pdf", data)), "malformed")


def test_blank_pages_have_no_text_layer(tmp_path):
    pdf = FPDF()
    pdf.add_page()
    pdf.add_page()
    result = extract(write(tmp_path, "blank.pdf", bytes(pdf.output())))
    assert_review(result, "no text layer")
    assert len(result.pages) == 2


def test_image_only_page_has_no_text_layer(tmp_path):
    from PIL import Image  # pillow is a dependency of fpdf2

    pdf = FPDF()
    pdf.add_page()
    pdf.image(Image.new("RGB", (300, 400), (240, 240, 230)), x=10, y=10, w=150)
    assert_review(extract(write(tmp_path, "scan.pdf", bytes(pdf.output()))), "no text layer")


def test_size_cap(tmp_path):
    path = write(tmp_path, "big.pdf", fpdf_document(1))
    assert_review(extract(path, Limits(max_bytes=100)), "too large")
    text = write(tmp_path, "big.txt", b"x" * 101)
    assert_review(extract(text, Limits(max_bytes=100)), "too large")


def test_more_pages_than_max_pages_fails_closed(tmp_path):
    path = write(tmp_path, "long.pdf", fpdf_document(5))
    result = extract(path, Limits(max_pages=3))
    assert_review(result, "too large: more than 3 pages")
    assert len(result.pages) == 3
    assert "pageword3" in result.pages[2]
    assert extract(path, Limits(max_pages=5)).ok


def test_wall_clock_timeout(tmp_path):
    # Starting Python alone takes longer than 10 ms, so this cannot finish in time.
    path = write(tmp_path, "report.pdf", fpdf_document(PAGE_WORDS))
    started = time.monotonic()
    result = extract(path, Limits(wall_seconds=0.01))
    assert_review(result, "timeout")
    assert time.monotonic() - started < 5


def test_cpu_limit_kills_child(tmp_path):
    # ~20 kB on disk, 20 MB of content-stream operators once inflated: many
    # seconds of parsing, stopped by RLIMIT_CPU after 1 s.
    contents = zlib.compress(b"q Q\n" * 5_000_000, 9)
    path = write(tmp_path, "slow.pdf", one_page_pdf(contents, flate=True))
    result = extract(path, Limits(cpu_seconds=1, wall_seconds=20))
    assert_review(result, "timeout")
    assert "CPU" in result.reason


def test_memory_limit_decompression_bomb(tmp_path):
    compressor = zlib.compressobj(9)
    chunk = b"\0" * (1 << 20)
    contents = b"".join([compressor.compress(chunk) for _ in range(200)] + [compressor.flush()])
    path = write(tmp_path, "bomb.pdf", one_page_pdf(contents, flate=True))
    result = extract(path, Limits(memory_bytes=128 * 1024 * 1024, cpu_seconds=10))
    assert_review(result, "too large")
    assert "memory" in result.reason


# --------------------------------------------------------------------------- misbehaving child

# The real worker, with its per-file step wrapped: the PDF's first bytes say how to misbehave.
FAKE_WORKER = r"""
import importlib.util, os, signal, sys, time
spec = importlib.util.spec_from_file_location("real_worker", REAL)
real = importlib.util.module_from_spec(spec)
spec.loader.exec_module(real)
extract_fd = real.extract_fd

def misbehave(fd, *args):
    head = os.pread(fd, 64, 0)
    if b"CRASH" in head:
        os.kill(os.getpid(), signal.SIGSEGV)
    if b"HANG" in head:
        time.sleep(60)
    if b"GARBLE" in head:
        return b"{not json"
    return extract_fd(fd, *args)

real.extract_fd = misbehave
sys.exit(real.main(sys.argv))
"""


@pytest.fixture
def fake_worker(tmp_path, monkeypatch):
    script = tmp_path / "fake_worker.py"
    script.write_text(f"REAL = {str(pdf_runner.WORKER_SCRIPT)!r}\n" + FAKE_WORKER)
    monkeypatch.setattr(pdf_runner, "WORKER_SCRIPT", script)
    return script


def test_child_crash_becomes_review(tmp_path, fake_worker):
    result = extract(write(tmp_path, "crash.pdf", b"%PDF-1.4 CRASH\n" + b"x" * 100))
    assert_review(result, "unreadable")
    assert "SIGSEGV" in result.reason


def test_garbled_child_output_becomes_review(tmp_path, fake_worker):
    assert_review(extract(write(tmp_path, "g.pdf", b"%PDF-1.4 GARBLE\n")), "unreadable")


def test_hanging_child_is_killed(tmp_path, fake_worker):
    started = time.monotonic()
    result = extract(write(tmp_path, "hang.pdf", b"%PDF-1.4 HANG\n"), Limits(wall_seconds=0.5))
    assert_review(result, "timeout")
    assert time.monotonic() - started < 5


def test_extract_many_in_order_and_isolated(tmp_path, fake_worker):
    files = [
        write(tmp_path, "a.pdf", fpdf_document({1: ["alphaword"]})),
        write(tmp_path, "crash.pdf", b"%PDF-1.4 CRASH\n"),
        write(tmp_path, "b.txt", "beta\fgamma".encode()),
        write(tmp_path, "hang.pdf", b"%PDF-1.4 HANG\n"),
        write(tmp_path, "c.pdf", b"not a pdf at all"),
        write(tmp_path, "d.pdf", fpdf_document({1: ["deltaword"], 2: ["epsilonword"]})),
        tmp_path / "missing.pdf",
        write(tmp_path, "e.docx", b"PK"),
    ]
    results = list(extract_many(files, Limits(wall_seconds=2), workers=3))
    assert [path for path, _ in results] == files
    by_name = {path.name: result for path, result in results}
    assert by_name["a.pdf"].ok and "alphaword" in by_name["a.pdf"].pages[0]
    assert_review(by_name["crash.pdf"], "unreadable")
    assert by_name["b.txt"].pages == ("beta", "gamma")
    assert_review(by_name["hang.pdf"], "timeout")
    assert_review(by_name["c.pdf"], "not a PDF")
    assert by_name["d.pdf"].ok and "epsilonword" in by_name["d.pdf"].pages[1]
    assert_review(by_name["missing.pdf"], "unreadable")
    assert_review(by_name["e.docx"], "unsupported type")


def test_extract_many_accepts_generator_and_default_workers(tmp_path):
    paths = [write(tmp_path, f"{n}.txt", f"text {n}".encode()) for n in range(7)]
    results = list(extract_many(p for p in paths))
    assert [p for p, _ in results] == paths
    assert [r.pages for _, r in results] == [(f"text {n}",) for n in range(7)]
    assert list(extract_many([])) == []
    with pytest.raises(ValueError):
        extract_many(paths, workers=0)



def test_files_are_read_ahead_of_the_caller_up_to_32_per_worker(tmp_path):
    """So a caller busy between results (an index commit) does not leave the workers idle."""
    paths = [write(tmp_path, f"{n}.txt", f"text {n}".encode()) for n in range(80)]
    taken = []

    def source():
        for path in paths:
            taken.append(path)
            yield path

    results = extract_many(source(), workers=2)
    next(results)
    assert len(taken) == 64
    assert len(list(results)) == 79

def test_closing_extract_many_early_kills_running_children(tmp_path, fake_worker):
    files = [write(tmp_path, "ok.txt", b"fine")] + [
        write(tmp_path, f"hang{n}.pdf", b"%PDF-1.4 HANG\n") for n in range(3)
    ]
    started = time.monotonic()
    results = extract_many(files, Limits(wall_seconds=30), workers=4)
    path, result = next(results)
    assert result.pages == ("fine",)
    time.sleep(0.3)  # let the hanging children start
    results.close()
    assert time.monotonic() - started < 10


# --------------------------------------------------------------------------- text files


def test_text_file_split_on_form_feeds(tmp_path):
    path = write(tmp_path, "minutes.txt", "Item 1 £5,000 café\fItem 2\f\fItem 4\f".encode())
    result = extract(path)
    assert result.ok
    assert result.pages == ("Item 1 £5,000 café", "Item 2", "", "Item 4")


def test_text_file_without_form_feed_is_one_page(tmp_path):
    result = extract(write(tmp_path, "note.txt", b"\xef\xbb\xbfline one\nline two\n"))
    assert result.pages == ("line one\nline two\n",)


def test_text_file_encoding_fallbacks(tmp_path):
    cp1252 = extract(write(tmp_path, "w.txt", "“Quoted” – £10".encode("cp1252")))
    assert cp1252.ok and cp1252.pages == ("“Quoted” – £10",)
    # 0x81 is undefined in cp1252, so this falls through to latin-1.
    latin1 = extract(write(tmp_path, "l.txt", b"caf\xe9 \x81"))
    assert latin1.ok and latin1.pages == ("caf\xe9 \x81",)


@pytest.mark.parametrize("content", [b"", b"   \n\t\f  \f\n"])
def test_empty_text_file(tmp_path, content):
    assert_review(extract(write(tmp_path, "empty.txt", content)), "empty")


def test_unreadable_and_unsupported(tmp_path):
    assert_review(extract(tmp_path / "nope.txt"), "unreadable")
    assert_review(extract(tmp_path), "unsupported type")  # directory, no suffix
    folder = tmp_path / "folder.pdf"
    folder.mkdir()
    assert_review(extract(folder), "unreadable")
    assert_review(extract(write(tmp_path, "report.docx", b"PK")), "unsupported type")
    assert_review(extract(write(tmp_path, "empty.pdf", b"")), "empty")


# --------------------------------------------------------------------------- API details


def test_limits_and_extraction_invariants():
    assert Limits() == Limits(
        max_bytes=50 * 1024 * 1024,
        max_pages=500,
        cpu_seconds=30,
        wall_seconds=60.0,
        memory_bytes=1024**3,
    )
    with pytest.raises(ValueError):
        Limits(max_pages=0)
    with pytest.raises(ValueError):
        Limits(wall_seconds=0)
    with pytest.raises(ValueError):
        Extraction(("x",), "ok", "malformed: x")
    with pytest.raises(ValueError):
        Extraction((), "needs_review", "because")  # not a known reason prefix
    assert Extraction(["a"], "ok").pages == ("a",)
    assert "no text layer" in REASON_PREFIXES


def test_worker_is_import_light(tmp_path, monkeypatch):
    """The worker imports neither the gateway package nor its heavy dependencies."""
    report = tmp_path / "modules.txt"
    probe = tmp_path / "probe_worker.py"
    probe.write_text(
        "import os, runpy, sys\n"
        "exit_now = os._exit\n"
        "def report(status):\n"
        "    heavy = sorted({m.split('.')[0] for m in sys.modules} & "
        "{'gateway', 'flask', 'sqlalchemy', 'psycopg', 'whoosh', 'casbin', 'fpdf', 'pypdf'})\n"
        f"    open({str(report)!r}, 'w').write(repr(heavy))\n"
        "    exit_now(status)\n"
        "os._exit = report   # the worker ends with os._exit\n"
        f"runpy.run_path({str(pdf_runner.WORKER_SCRIPT)!r}, run_name='__main__')\n"
    )
    monkeypatch.setattr(pdf_runner, "WORKER_SCRIPT", probe)
    result = extract(write(tmp_path, "x.pdf", fpdf_document(1)))
    assert "pageword1" in result.pages[0]
    assert report.read_text() == "[]"


def test_workers_are_reused_and_recycled(tmp_path, monkeypatch):
    """One worker reads many files (no interpreter per file), and is replaced after FILES_PER_WORKER."""
    started = []
    real_worker = pdf_runner._Worker

    class Counted(real_worker):
        def __init__(self, *args):
            super().__init__(*args)
            started.append(self.proc.pid)

    monkeypatch.setattr(pdf_runner, "_Worker", Counted)
    monkeypatch.setattr(pdf_runner, "FILES_PER_WORKER", 3)
    files = [write(tmp_path, f"{n}.pdf", fpdf_document({1: [f"word{n}x"]})) for n in range(7)]
    results = list(extract_many(files, workers=1))
    assert [f"word{n}x" in r.pages[0] for n, (_, r) in enumerate(results)] == [True] * 7
    assert len(set(started)) == 3   # 3 + 3 + 1 files


def test_a_worker_that_misbehaved_is_not_reused(tmp_path, fake_worker):
    files = [write(tmp_path, "hang.pdf", b"%PDF-1.4 HANG\n"), write(tmp_path, "ok.pdf", fpdf_document({1: ["fineword"]})),
             write(tmp_path, "crash.pdf", b"%PDF-1.4 CRASH\n"), write(tmp_path, "ok2.pdf", fpdf_document({1: ["goodword"]}))]
    results = [r for _, r in extract_many(files, Limits(wall_seconds=2), workers=1)]
    assert_review(results[0], "timeout")
    assert "fineword" in results[1].pages[0]
    assert_review(results[2], "unreadable")
    assert "goodword" in results[3].pages[0]


# --------------------------------------------------------------------------- classifying in the workers

EXEMPT_WORDS = ("NOT FOR PUBLICATION by virtue of paragraph 3 of Part 1 of Schedule 12A to the Local Government "
                "Act 1972. The bids for the swimming pool contract.").split()
POOL = ClassifierContext(matters=(classifiers.MatterKeywords("m-pool", ("swimming pool",)),))


def test_workers_classify_what_they_read_as_this_process_would(tmp_path):
    path = write(tmp_path, "exempt.pdf", fpdf_document({1: list(EXEMPT_WORDS)}))
    ((_, extraction),) = extract_many([path], classify_for=POOL, workers=1)
    assert extraction.ok and extraction.classified is not None   # the worker classified it
    labels, matters = labels_of(extraction, POOL)
    assert labels == classifiers.classify_pages(extraction.pages, ())
    assert labels.exempt_paragraphs and matters == ["m-pool"]



# --------------------------------------------------------------------------- workers started before their files


def test_workers_started_early_are_briefed_later_and_read_as_extract_many_does(tmp_path):
    files = [write(tmp_path, "exempt.pdf", fpdf_document({1: list(EXEMPT_WORDS)})),
             write(tmp_path, "pool.txt", b"the swimming pool\fpage two")]
    with worker_pool(workers=2).start(classify=True) as pool:
        started = [worker.proc for worker in pool._idle]
        assert len(started) == 2 and all(proc.poll() is None for proc in started)   # waiting for their brief
        early = list(extract_with(pool, files, classify_for=POOL))
    assert early == list(extract_many(files, classify_for=POOL, workers=2))
    assert [labels_of(extraction, POOL)[1] for _, extraction in early] == [["m-pool"], ["m-pool"]]
    assert early[0][1].classified is not None   # classified by the worker, with the brief it was sent late
    assert [proc.returncode for proc in started] == [0, 0]   # let go when the iteration ended



@pytest.mark.parametrize("classify", [True, False])
def test_workers_started_to_classify_compile_the_classifiers_before_their_brief(tmp_path, monkeypatch, classify):
    """What the classifiers compile is done while the parent gets ready, not after the brief on the first file's
    clock; a worker started only to read does not pay for it."""
    report = tmp_path / "ready.txt"
    probe = tmp_path / "probe_worker.py"
    probe.write_text(
        "import runpy, socket, sys\n"
        "recv = socket.socket.recv\n"
        "def first_recv(self, *args):   # the first read of the socket awaits the brief\n"
        "    socket.socket.recv = recv\n"
        f"    open({str(report)!r}, 'w').write(repr('classifiers.classify' in sys.modules))\n"
        "    return recv(self, *args)\n"
        "socket.socket.recv = first_recv\n"
        f"runpy.run_path({str(pdf_runner.WORKER_SCRIPT)!r}, run_name='__main__')\n"
    )
    monkeypatch.setattr(pdf_runner, "WORKER_SCRIPT", probe)
    with worker_pool(workers=1).start(classify=classify) as pool:
        pass
    assert report.read_text() == repr(classify)

def test_workers_started_but_never_given_files_are_let_go(tmp_path):
    with worker_pool(workers=2).start(classify=True) as pool:
        started = [worker.proc for worker in pool._idle]
    assert [proc.returncode for proc in started] == [0, 0]
    with pytest.raises(ZeroDivisionError), worker_pool(workers=1).start(classify=False) as pool:
        (worker,) = pool._idle
        1 / 0
    assert worker.proc.returncode == -signal.SIGKILL   # a failed block kills them


def test_a_started_worker_that_died_before_its_brief_is_replaced(tmp_path):
    path = write(tmp_path, "a.pdf", fpdf_document({1: ["alphaword"]}))
    with worker_pool(workers=1).start(classify=False) as pool:
        (dead,) = pool._idle
        dead.proc.kill()
        dead.proc.wait()
        ((_, extraction),) = extract_with(pool, [path], classify_for=POOL)
    assert extraction.ok and "alphaword" in extraction.pages[0]
    assert dead.broken


def test_workers_are_briefed_once_and_before_any_file(tmp_path):
    pool = worker_pool(workers=1)
    with pytest.raises(RuntimeError):
        pool.run_pdf(io.BytesIO(b"%PDF-1.4"))
    pool.brief(b"")
    with pytest.raises(RuntimeError):
        pool.brief(b"")


FORGING_WORKER = r"""
import importlib.util, json, sys
spec = importlib.util.spec_from_file_location("real_worker", REAL)
real = importlib.util.module_from_spec(spec)
spec.loader.exec_module(real)
extract_fd = real.extract_fd

def forge(fd, *args):
    result = json.loads(extract_fd(fd, *args))
    public = {"exempt_paragraphs": [], "party_group": None, "flags": [], "confidence": 1.0, "needs_review": False,
              "evidence": []}
    head = real.os.pread(fd, 4096, 0)
    result["classified"] = {"labels": public if b"PUBLIC" in head else {"exempt_paragraphs": "none"},
                            "matters": ["m-made-up"] if b"MATTER" in head else []}
    return json.dumps(result).encode()

real.extract_fd = forge
sys.exit(real.main(sys.argv))
"""


def test_labels_from_a_worker_that_do_not_check_out_are_made_again_here(tmp_path, monkeypatch):
    script = tmp_path / "forging_worker.py"
    script.write_text(f"REAL = {str(pdf_runner.WORKER_SCRIPT)!r}\n" + FORGING_WORKER)
    monkeypatch.setattr(pdf_runner, "WORKER_SCRIPT", script)
    garbled = write(tmp_path, "garbled.pdf", fpdf_document({1: list(EXEMPT_WORDS)}))
    unknown_matter = write(tmp_path, "matter.pdf", fpdf_document({1: list(EXEMPT_WORDS)}) + b"\n%PUBLIC MATTER\n")
    for path in (garbled, unknown_matter):
        ((_, extraction),) = extract_many([path], classify_for=POOL, workers=1)
        assert extraction.ok and extraction.classified is not None
        labels, matters = labels_of(extraction, POOL)
        assert labels == classifiers.classify_pages(extraction.pages, ()) and labels.exempt_paragraphs
        assert matters == ["m-pool"]


def test_workers_classify_a_text_file_read_here_as_this_process_would(tmp_path):
    path = write(tmp_path, "exempt.txt", " ".join(EXEMPT_WORDS).encode() + b"\fAppendix.")
    ((_, extraction),) = extract_many([path], classify_for=POOL, workers=1)
    assert extraction.ok and extraction.classified is not None   # a worker classified the pages read here
    labels, matters = labels_of(extraction, POOL)
    assert labels == classifiers.classify_pages(extraction.pages, ())
    assert labels.exempt_paragraphs and matters == ["m-pool"]


CRASHING_CLASSIFIER = r"""
import importlib.util, os, sys
spec = importlib.util.spec_from_file_location("real_worker", REAL)
real = importlib.util.module_from_spec(spec)
spec.loader.exec_module(real)
real.classify_text = lambda *args: os._exit(1)
sys.exit(real.main(sys.argv))
"""


def test_a_worker_that_dies_classifying_a_text_file_leaves_it_to_this_process(tmp_path, monkeypatch):
    script = tmp_path / "crashing_worker.py"
    script.write_text(f"REAL = {str(pdf_runner.WORKER_SCRIPT)!r}\n" + CRASHING_CLASSIFIER)
    monkeypatch.setattr(pdf_runner, "WORKER_SCRIPT", script)
    text = write(tmp_path, "exempt.txt", " ".join(EXEMPT_WORDS).encode())
    after = write(tmp_path, "after.pdf", fpdf_document({1: ["laterword"]}))
    (_, extraction), (_, later) = extract_many([text, after], classify_for=POOL, workers=1)
    assert extraction.ok and extraction.classified is None
    labels, matters = labels_of(extraction, POOL)
    assert labels == classifiers.classify_pages(extraction.pages, ()) and labels.exempt_paragraphs
    assert matters == ["m-pool"]
    assert "laterword" in later.pages[0]   # the dead worker was replaced


# --------------------------------------------------------------------------- page text

def cid_font(encoding: bytes) -> bytes:
    """A Type0 font with no ToUnicode (so pdfminer names each character "(cid:N)"); Identity-V writes vertically."""
    return (b"<< /Type /Font /Subtype /Type0 /BaseFont /Plain /Encoding /" + encoding + b" /DescendantFonts [<< "
            b"/Type /Font /Subtype /CIDFontType2 /BaseFont /Plain /CIDSystemInfo << /Registry (Adobe) "
            b"/Ordering (Identity) /Supplement 0 >> /DW 600 >>] >>")


def drawn_text_pdf() -> bytes:
    """Text as PDFs draw it beyond plain lines: rotated, scaled, risen, spaced and kerned, inside a form
    XObject, and in fonts without Unicode, horizontal and vertical."""
    helvetica = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
    form = (b"BT /F1 10 Tf 20 20 Td (Inside a form) Tj ET")
    contents = (
        b"BT /F1 12 Tf 72 720 Td (Plain words on a line) Tj 0 -14 Td [(Ke) 120 (rned) -900 (gap)] TJ ET\n"
        b"BT /F1 9 Tf 3 Tc 5 Tw 150 Tz 72 690 Td (Spaced and stretched words) Tj 0 Tc 0 Tw 100 Tz "
        b"4 Ts (risen) Tj 0 Ts ET\n"
        b"BT /F1 11 Tf 0 1 -1 0 300 400 Tm (Turned a quarter) Tj 0.7 0.7 -0.7 0.7 350 300 Tm (At an angle) Tj "
        b"-1 0 0 -1 500 200 Tm (Upside down) Tj ET\n"
        b"q 1 0 0 1 72 500 cm /X1 Do Q\n"
        b"BT /F2 12 Tf 72 300 Td <00410042> Tj ET\n"
        b"BT /F3 12 Tf 400 600 Td <004300440045> Tj ET\n"
    )
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R /F2 6 0 R "
        b"/F3 7 0 R >> /XObject << /X1 8 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(contents) + contents + b"\nendstream",
        helvetica,
        cid_font(b"Identity-H"),
        cid_font(b"Identity-V"),
        b"<< /Type /XObject /Subtype /Form /BBox [0 0 200 100] /Resources << /Font << /F1 5 0 R >> >> "
        b"/Length %d >>\nstream\n" % len(form) + form + b"\nendstream",
    ]
    return hand_pdf(objects)


def unicode_pdf() -> bytes:
    """A TrueType font written as Unicode (Type0, Identity-H, ToUnicode), sizes, rotation and raised text."""
    pdf = FPDF()
    pdf.add_font("DejaVu", fname="/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
    pdf.add_page()
    pdf.set_font("DejaVu", size=12)
    pdf.multi_cell(0, 6, "Café naïve – “quoted” £5 Ωmega. " + FILLER * 2)
    pdf.set_font("DejaVu", size=20)
    pdf.cell(0, 10, "A larger heading", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", size=11)
    pdf.char_vpos = "SUP"
    pdf.cell(0, 8, "superscript", new_x="LMARGIN", new_y="NEXT")
    pdf.char_vpos = "LINE"
    with pdf.rotation(30, x=100, y=200):
        pdf.text(100, 200, "Rotated thirty degrees")
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    pdf.multi_cell(0, 6, FILLER * 4)
    return bytes(pdf.output())


@pytest.mark.parametrize("make", [lambda: fpdf_document(PAGE_WORDS), drawn_text_pdf, unicode_pdf])
def test_page_text_is_what_pdfminer_writes(tmp_path, make):
    """The worker's own text converter (less work per character) gives each page's text exactly as
    pdfminer's TextConverter writes it with the same layout parameters."""
    from pdfminer.high_level import extract_text
    from pdfminer.layout import LAParams

    path = write(tmp_path, "drawn.pdf", make())
    written = extract_text(str(path), laparams=LAParams(boxes_flow=None))
    result = extract(path)
    assert result.ok, result
    assert list(result.pages) == written.split("\f")[:-1]   # a form feed ends each page
