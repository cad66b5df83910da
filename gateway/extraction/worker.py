"""Long-lived PDF text extractor, one of a pool (see ``pdf.py``).

Run by ``gateway.extraction.pdf`` as a *script* (``python -I worker.py ...``),
never imported by the gateway's web process.  It must therefore import only the
standard library, pdfminer and the pure-Python ``classifiers`` -- not ``gateway``
(whose ``__init__`` may pull in Flask, database drivers, ...).

Protocol
    argv:   worker.py MAX_PAGES CPU_SECONDS MEMORY_BYTES ALARM_SECONDS FILES CLASSIFY EXTRA_SYS_PATHS
                      [TESSERACT PDFTOPPM]      (EXTRA_SYS_PATHS joined with os.pathsep)
            CLASSIFY 1: the parent means to send a council to classify for, so the classifiers are
            made ready while it is awaited (0: the worker may only read).
    fd 0:   a Unix stream socket to the parent.  First the parent sends what the
            classifiers look for: a 4-byte big-endian length and a JSON object
            {"groups": [{"id", "names", "members"}], "matters": [{"id", "keywords"}]},
            or a length of 0 when files are only to be read.  For each file the parent sends one
            byte with the open PDF's file descriptor attached (SCM_RIGHTS), so the
            worker reads exactly the file whose size and header the parent checked;
            the worker answers with a 4-byte big-endian length and a JSON object (UTF-8):
            {"pages": [str, ...], "more_pages": bool,
             "error": null | {"kind": "encrypted"|"malformed"|"nomem"|"unavailable",
                       "detail": str},
             "ocr": {"pages": [n, ...], "confidence": number | null},
             "classified": null | {"labels": Classification JSON, "matters": [id, ...]}}
            Classifying here keeps the parent free to store and index while every
            core reads and classifies; the parent checks the labels' shape and
            classifies itself when they do not parse.
            Instead of a file the parent may send the pages of a text file it read, to be
            classified under the same limits: the byte "C" (no descriptor), then a 4-byte
            length and a JSON list of strings; the answer is {"classified": ... as above}.
            After FILES files, or when the parent closes the socket, it exits.
    limits: per file, RLIMIT_CPU's soft limit is moved to the CPU used so far plus
            CPU_SECONDS (SIGXCPU ends the worker) and an alarm of ALARM_SECONDS is
            set (in case the parent died); RLIMIT_AS holds for the worker's life.
    exit:   0 at the end; EXIT_NOMEM if a result could not be written for lack of
            memory; killed by SIGXCPU/SIGALRM at a limit.  A worker that reports
            "nomem" is not sent another file.

With TESSERACT and PDFTOPPM, pages without a text layer are rendered (pdftoppm) and
read by OCR (tesseract), each in a child under the same limits.

Nothing here prints or logs document text: the socket carries only results for
the parent and stderr is discarded by the parent.
"""

import functools
import io
import os
import signal
import socket
import struct
import sys
import time

EXIT_NOMEM = 3
EXIT_USAGE = 2
OCR_DPI = 300


def _set_limits(cpu_hard: int, memory_bytes: int) -> None:
    import resource

    def lower(which: int, soft: int, hard: int) -> None:
        cur_soft, cur_hard = resource.getrlimit(which)
        if cur_hard != resource.RLIM_INFINITY:
            hard = min(hard, cur_hard)
            soft = min(soft, hard)
        resource.setrlimit(which, (soft, hard))

    # No core files from SIGXCPU/SIGSEGV/SIGABRT in the gateway's directory.
    lower(resource.RLIMIT_CORE, 0, 0)
    # The hard CPU limit bounds the worker's whole life; the soft one is moved per file.
    lower(resource.RLIMIT_CPU, cpu_hard, cpu_hard)
    lower(resource.RLIMIT_AS, memory_bytes, memory_bytes)


def _start_file(cpu_seconds: int, alarm_seconds: int) -> None:
    """This file may use `cpu_seconds` more CPU (SIGXCPU, default action: terminate) and `alarm_seconds`."""
    import math
    import resource

    used = resource.getrusage(resource.RUSAGE_SELF)
    spent = math.ceil(used.ru_utime + used.ru_stime)
    _, hard = resource.getrlimit(resource.RLIMIT_CPU)
    soft = spent + cpu_seconds
    resource.setrlimit(resource.RLIMIT_CPU, (soft if hard == resource.RLIM_INFINITY else min(soft, hard), hard))
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
    device = _page_text()(manager, laparams=laparams)
    interpreter = PDFPageInterpreter(manager, device)
    try:
        for index, page in enumerate(PDFPage.create_pages(document)):
            if index >= max_pages:
                return True
            interpreter.process_page(page)
            pages.append(_clean(device.text))
    finally:
        device.close()
    return False


@functools.cache
def _page_text():
    """pdfminer's TextConverter, giving each page's text exactly as it writes it (without the form feed that
    ends a page), with less work per character, where nearly all of extraction's CPU goes (about a quarter
    less over the demo's PDFs). Built on first use: the gateway imports this module, never pdfminer."""
    from pdfminer.converter import TextConverter
    from pdfminer.layout import LTChar, LTContainer, LTText, LTTextBox, LTTextContainer
    from pdfminer.pdffont import PDFUnicodeNotDefined

    class Char(LTChar):
        """An LTChar of a horizontal font: LTChar.__init__'s arithmetic, in its order (the same floats),
        without its calls per character."""

        def __init__(self, matrix, font, fontsize, scaling, rise, text, textwidth, ncs, graphicstate):
            self._text = text
            self.matrix = matrix
            self.fontname = font.fontname
            self.ncs = ncs
            self.graphicstate = graphicstate
            self.adv = adv = textwidth * fontsize * scaling
            descent = font.get_descent() * fontsize
            bottom, top = descent + rise, descent + rise + fontsize
            (a, b, c, d, e, f) = matrix
            self.upright = a * d * scaling > 0 and b * c <= 0
            # apply_matrix_rect(matrix, (0, bottom, adv, top)): its four corners, then the box around them
            left1, bottom1 = a * 0 + c * bottom + e, b * 0 + d * bottom + f
            right1, bottom2 = a * adv + c * bottom + e, b * adv + d * bottom + f
            right2, top1 = a * adv + c * top + e, b * adv + d * top + f
            left2, top2 = a * 0 + c * top + e, b * 0 + d * top + f
            x0, x1 = min(left1, left2, right1, right2), max(left1, left2, right1, right2)
            y0, y1 = min(bottom1, bottom2, top1, top2), max(bottom1, bottom2, top1, top2)
            self.set_bbox((x0, y0, x1, y1))
            self.size = self.height

        # LTComponent's, without its type assertions and inner calls: group_objects asks them of every pair.
        def is_voverlap(self, obj):
            return obj.y0 <= self.y1 and self.y0 <= obj.y1

        def voverlap(self, obj):
            if obj.y0 <= self.y1 and self.y0 <= obj.y1:
                return min(abs(self.y0 - obj.y1), abs(self.y1 - obj.y0))
            return 0

        def hdistance(self, obj):
            if obj.x0 <= self.x1 and self.x0 <= obj.x1:
                return 0
            return min(abs(self.x0 - obj.x1), abs(self.x1 - obj.x0))

    class PageText(TextConverter):
        def __init__(self, manager, laparams):
            super().__init__(manager, io.StringIO(), laparams=laparams)   # the stream stays empty: see receive_layout
            self.text = ""
            self._glyphs: dict = {}

        def begin_page(self, page, ctm):
            self._glyphs = {}   # per page, so it holds no more than the page's characters do
            super().begin_page(page, ctm)

        def render_char(self, matrix, font, fontsize, scaling, rise, cid, ncs, graphicstate):
            if font.is_vertical():
                return super().render_char(matrix, font, fontsize, scaling, rise, cid, ncs, graphicstate)
            # A font's text and width for a character id do not change: look them up once per page.
            glyphs = self._glyphs.get(font)
            if glyphs is None:
                glyphs = self._glyphs[font] = {}
            glyph = glyphs.get(cid)
            if glyph is None:
                try:
                    text = font.to_unichr(cid)
                except PDFUnicodeNotDefined:
                    text = self.handle_undefined_char(font, cid)
                glyph = glyphs[cid] = (text, font.char_width(cid))
            item = Char(matrix, font, fontsize, scaling, rise, *glyph, ncs, graphicstate)
            self.cur_item.add(item)
            return item.adv

        def receive_layout(self, ltpage):
            """TextConverter.receive_layout's text, kept in `text` (a text line or box gives its text whole)."""
            parts = []

            def render(item):
                if isinstance(item, LTTextContainer):
                    parts.append(item.get_text())
                elif isinstance(item, LTContainer):
                    for child in item:
                        render(child)
                elif isinstance(item, LTText):
                    parts.append(item.get_text())
                if isinstance(item, LTTextBox):
                    parts.append("\n")

            render(ltpage)
            self.text = "".join(parts)

    return PageText


def _ocr_page(fd: int, number: int, tools: tuple, deadline: float):
    """(text, [word confidences]) of 1-based page `number`, or None if it could not be read in time."""
    import subprocess

    tesseract, pdftoppm = tools
    env = {"PATH": os.defpath, "LC_ALL": "C", "OMP_THREAD_LIMIT": "1"}   # one core per worker
    try:
        image = subprocess.run(
            [pdftoppm, "-f", str(number), "-l", str(number), "-r", str(OCR_DPI), "-gray", "-png", f"/dev/fd/{fd}"],
            pass_fds=(fd,), capture_output=True, env=env, timeout=max(0.1, deadline - time.monotonic()),
        )
        if image.returncode != 0 or not image.stdout:
            return None
        read = subprocess.run([tesseract, "stdin", "stdout", "-l", "eng", "tsv"], input=image.stdout,
                              capture_output=True, env=env, timeout=max(0.1, deadline - time.monotonic()))
    except (OSError, subprocess.TimeoutExpired):
        return None
    if read.returncode != 0:
        return None
    return _from_tsv(read.stdout.decode("utf-8", "replace"))


def _from_tsv(tsv: str):
    """Tesseract's TSV as page text (lines and paragraphs kept) and the confidence of each word."""
    lines, confidences, last = [], [], None
    for row in tsv.splitlines()[1:]:
        cells = row.split("\t")
        if len(cells) < 12 or cells[0] != "5" or not cells[11].strip():
            continue
        place = tuple(cells[2:5])   # block, paragraph, line
        if place != last:
            if last is not None and place[:2] != last[:2]:
                lines.append("")
            lines.append(cells[11].strip())
            last = place
        else:
            lines[-1] += " " + cells[11].strip()
        try:
            confidences.append(float(cells[10]))
        except ValueError:
            pass
    return _clean("\n".join(lines)), confidences


def _ocr(fd: int, pages: list, tools: tuple, deadline: float) -> dict:
    """Reads by OCR the pages with no text layer; returns which pages were read and the mean confidence."""
    read, confidences = [], []
    for index, text in enumerate(pages):
        if text.strip():
            continue
        found = _ocr_page(fd, index + 1, tools, deadline)
        if found is None or not found[0].strip():
            continue
        pages[index] = found[0]
        read.append(index + 1)
        confidences += found[1]
    return {"pages": read, "confidence": sum(confidences) / len(confidences) if confidences else None}


def _error_kind(exc: BaseException) -> str:
    try:
        from pdfminer.pdfdocument import PDFEncryptionError
    except Exception:  # pragma: no cover - pdfminer failed to import
        return "malformed"
    # Includes PDFPasswordIncorrect and unsupported encryption (unknown filter/algorithm).
    if isinstance(exc, PDFEncryptionError):
        return "encrypted"
    return "malformed"


def _receive_message(channel) -> bytes | None:
    """A length-prefixed message from the parent (the council's context, pages to classify); None if it went away."""
    data = b""
    while len(data) < 4:
        chunk = channel.recv(4 - len(data))
        if not chunk:
            return None
        data += chunk
    (size,) = struct.unpack(">I", data)
    data = b""
    while len(data) < size:
        chunk = channel.recv(min(size - len(data), 1 << 20))
        if not chunk:
            return None
        data += chunk
    return data


def _classifiers():
    """The classifiers package, its patterns compiled (not on a file's clock); None if it cannot be imported."""
    try:
        import classifiers

        classifiers.classify_pages   # noqa: B018 - imported on first use, compiling every pattern
    except ImportError:   # the parent classifies instead
        return None
    return classifiers


def _classifier(context: bytes):
    """pages -> {"labels", "matters"}, for the council in `context`; None when there is nothing to classify for."""
    if not context:
        return None
    import json

    classifiers = _classifiers()
    if classifiers is None:
        return None
    classify_pages = classifiers.classify_pages
    council = json.loads(context.decode("utf-8"))
    groups = tuple(classifiers.GroupName(g["id"], tuple(g["names"]), tuple(g["members"])) for g in council["groups"])
    matters = tuple(classifiers.MatterKeywords(m["id"], tuple(m["keywords"])) for m in council["matters"])

    def classify(pages: list) -> dict:
        return {"labels": classify_pages(pages, groups).to_json(),
                "matters": list(classifiers.infer_matters(pages, matters))}

    return classify


def classify_text(message: bytes, classify) -> bytes:
    """The JSON answer for the pages of a text file (a JSON list of strings)."""
    import json

    try:
        classified = classify([str(page) for page in json.loads(message.decode("utf-8"))])
    except Exception:  # noqa: BLE001 - the parent classifies instead, and meets any bug itself
        classified = None
    return json.dumps({"classified": classified}, ensure_ascii=False).encode("utf-8")


def extract_fd(fd: int, max_pages: int, tools: tuple | None, deadline: float, classify=None) -> bytes:
    """The JSON result for the PDF open on `fd` (read from its start), classified when `classify` is given."""
    import json

    pages: list[str] = []
    more_pages = False
    error = None
    nomem = False
    ocr = {"pages": [], "confidence": None}
    classified = None
    try:
        with os.fdopen(os.dup(fd), "rb") as fp:
            fp.seek(0)
            more_pages = _extract(fp, max_pages, pages)
        if tools and any(not p.strip() for p in pages):
            ocr = _ocr(fd, pages, tools, deadline)
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
    if classify is not None and pages and error is None:
        try:
            classified = classify(pages)
        except Exception:  # noqa: BLE001 - the parent classifies instead, and meets any bug itself
            classified = None
    payload = json.dumps({"pages": pages, "more_pages": more_pages, "error": error, "ocr": ocr,
                          "classified": classified}, ensure_ascii=False).encode("utf-8")
    del pages
    return payload


def main(argv: list[str]) -> int:
    try:
        max_pages, cpu_seconds, memory_bytes, alarm_seconds, files, will_classify = (int(a) for a in argv[1:7])
    except ValueError:
        return EXIT_USAGE
    extra_path = argv[7] if len(argv) > 7 else ""
    tools = tuple(argv[8:10]) if len(argv) > 9 else None

    channel = socket.socket(fileno=0)
    # Anything that tries to write to stdout goes to stderr (discarded).
    sys.stdout = sys.stderr
    # Each file's soft limit is at most cpu_seconds past the last; the hard one ends a worker that is never recycled.
    _set_limits(cpu_seconds * (files + 1) + 1, memory_bytes)

    import logging

    logging.disable(logging.CRITICAL)  # pdfminer logs warnings that can quote the file
    for entry in extra_path.split(os.pathsep):
        if entry and entry not in sys.path:
            sys.path.append(entry)
    try:  # import while waiting for the first file, not while its clock runs
        import pdfminer.converter  # noqa: F401
        import pdfminer.pdfinterp  # noqa: F401
    except ImportError:
        pass
    if will_classify:
        _classifiers()
    context = _receive_message(channel)
    if context is None:
        return 0
    classify = _classifier(context)

    for _ in range(files):
        try:
            message, fds, _, _ = socket.recv_fds(channel, 1, 1)
        except OSError:
            return 0
        if message == b"C" and not fds and classify is not None:
            _start_file(cpu_seconds, alarm_seconds)
            try:
                pages = _receive_message(channel)
                if pages is None:
                    return 0
                payload = classify_text(pages, classify)
                channel.sendall(struct.pack(">I", len(payload)) + payload)
            except MemoryError:
                return EXIT_NOMEM
            finally:
                signal.alarm(0)
            continue
        if not message or not fds:
            return 0
        _start_file(cpu_seconds, alarm_seconds)
        try:
            payload = extract_fd(fds[0], max_pages, tools, time.monotonic() + alarm_seconds, classify)
            channel.sendall(struct.pack(">I", len(payload)) + payload)
        except MemoryError:
            return EXIT_NOMEM
        finally:
            signal.alarm(0)
            for fd in fds:
                os.close(fd)
    return 0


if __name__ == "__main__":
    # Nothing is left to flush or close (the socket, stdout and stderr are the parent's concern); skipping the
    # interpreter's teardown ends a retired worker in ~3 ms instead of ~35 ms, which the parent waits for.
    os._exit(main(sys.argv))
