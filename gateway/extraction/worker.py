"""Child-process PDF text extractor.

Run by ``gateway.extraction.pdf`` as a *script* (``python -I worker.py ...``),
never imported by the gateway's web process.  It must therefore import only the
standard library and pdfminer -- not ``gateway`` (whose ``__init__`` may pull in
Flask, database drivers, ...).

Protocol
    argv:   worker.py MAX_PAGES CPU_SECONDS MEMORY_BYTES ALARM_SECONDS [EXTRA_SYS_PATH]
    stdin:  the PDF file itself (a regular, seekable file opened by the parent)
    stdout: one JSON object (UTF-8):
            {"pages": [str, ...], "more_pages": bool,
             "error": null | {"kind": "encrypted"|"malformed"|"nomem"|"unavailable",
                       "detail": str}}
    exit:   0 when the JSON was written; EXIT_NOMEM if even that failed for lack
            of memory; killed by SIGXCPU at the CPU limit or SIGALRM as a
            last-resort wall clock (in case the parent died).

Nothing here prints or logs document text: stdout carries only the JSON result
for the parent and stderr is discarded by the parent.
"""

import sys

EXIT_NOMEM = 3
EXIT_USAGE = 2


def _set_limits(cpu_seconds: int, memory_bytes: int, alarm_seconds: int) -> None:
    import resource
    import signal

    def lower(which: int, soft: int, hard: int) -> None:
        cur_soft, cur_hard = resource.getrlimit(which)
        if cur_hard != resource.RLIM_INFINITY:
            hard = min(hard, cur_hard)
            soft = min(soft, hard)
        resource.setrlimit(which, (soft, hard))

    # No core files from SIGXCPU/SIGSEGV/SIGABRT in the gateway's directory.
    lower(resource.RLIMIT_CORE, 0, 0)
    # SIGXCPU (default action: terminate) at the soft limit, SIGKILL at the hard one.
    lower(resource.RLIMIT_CPU, cpu_seconds, cpu_seconds + 1)
    lower(resource.RLIMIT_AS, memory_bytes, memory_bytes)
    # If the parent dies without killing us, do not run for ever.
    signal.signal(signal.SIGALRM, signal.SIG_DFL)
    signal.alarm(max(1, alarm_seconds))


def _clean(text: str) -> str:
    # NUL cannot be stored in PostgreSQL text; lone surrogates cannot be encoded.
    text = text.replace("\x00", "")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        text = text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
    return text


def _extract(fp, max_pages: int, pages: list) -> bool:
    """Append the text of each page to ``pages``; return True if pages remain unread."""
    from io import StringIO

    from pdfminer.converter import TextConverter
    from pdfminer.layout import LAParams
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser

    # Layout analysis is needed for correct words: without it (a TextConverter
    # with laparams=None) lines are glued together ("...paragraphsocial...").
    # boxes_flow=None keeps the same words and lines but sorts text boxes
    # top-to-bottom instead of running pdfminer's hierarchical box grouping,
    # which is ~1.5x slower and super-linear in boxes per page.
    laparams = LAParams(boxes_flow=None)

    document = PDFDocument(PDFParser(fp), password="")
    manager = PDFResourceManager(caching=True)
    buffer = StringIO()
    device = TextConverter(manager, buffer, laparams=laparams)
    interpreter = PDFPageInterpreter(manager, device)
    try:
        for index, page in enumerate(PDFPage.create_pages(document)):
            if index >= max_pages:
                return True
            interpreter.process_page(page)
            text = buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
            if text.endswith("\f"):  # TextConverter ends every page with a form feed
                text = text[:-1]
            pages.append(_clean(text))
    finally:
        device.close()
    return False


def _error_kind(exc: BaseException) -> str:
    try:
        from pdfminer.pdfdocument import PDFEncryptionError
    except Exception:  # pragma: no cover - pdfminer failed to import
        return "malformed"
    # Includes PDFPasswordIncorrect and unsupported encryption (unknown filter/algorithm).
    if isinstance(exc, PDFEncryptionError):
        return "encrypted"
    return "malformed"


def main(argv: list[str]) -> int:
    try:
        max_pages, cpu_seconds, memory_bytes, alarm_seconds = (int(a) for a in argv[1:5])
    except ValueError:
        return EXIT_USAGE
    extra_path = argv[5] if len(argv) > 5 else ""

    out = sys.stdout.buffer
    # Anything else that tries to write to stdout goes to stderr (discarded).
    sys.stdout = sys.stderr

    _set_limits(cpu_seconds, memory_bytes, alarm_seconds)

    import logging

    logging.disable(logging.CRITICAL)  # pdfminer logs warnings that can quote the file
    if extra_path and extra_path not in sys.path:
        sys.path.append(extra_path)

    pages: list[str] = []
    more_pages = False
    error = None
    nomem = False
    try:
        fp = open(0, "rb", closefd=False)  # noqa: SIM115 - stdin is the PDF
        more_pages = _extract(fp, max_pages, pages)
    except MemoryError:
        nomem = True
    except ImportError as exc:  # broken installation, not a bad file
        error = {"kind": "unavailable", "detail": type(exc).__name__}
    except RecursionError:
        error = {"kind": "malformed", "detail": "objects nested too deeply (RecursionError)"}
    except Exception as exc:  # every other failure is data for the parent
        error = {"kind": _error_kind(exc), "detail": type(exc).__name__}
    if nomem:  # outside the except block, so the traceback's frames are freed
        pages.clear()
        error = {"kind": "nomem", "detail": "MemoryError"}

    try:
        import json

        payload = json.dumps(
            {"pages": pages, "more_pages": more_pages, "error": error},
            ensure_ascii=False,
        ).encode("utf-8")
        del pages
        out.write(payload)
        out.flush()
    except MemoryError:
        return EXIT_NOMEM
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
