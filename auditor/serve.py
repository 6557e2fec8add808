"""`audit-rules serve`: a page on this machine where an officer drops files and reads the report.

Starlette answers, uvicorn serves, on 127.0.0.1 unless told otherwise. Nothing leaves the
machine: the pages carry their style and script inline and a Content-Security-Policy
forbids loading anything from elsewhere. An upload larger than the limit is refused with
413 and a sentence saying so (checked on the declared length and again while reading, for
a client that declares none). Each upload is written to a folder of its own, audited, its
workbooks annotated, and the folder removed before the report is sent; the annotated
copies are kept in memory (the last few reports only) for their download links.
"""

from __future__ import annotations

import asyncio
import secrets
import shutil
import tempfile
import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from html import escape
from pathlib import Path
from urllib.parse import quote

from .report.safe import terminal_text

DEFAULT_PORT = 8765
DEFAULT_MAX_UPLOAD_MB = 50
# Annotated copies kept for download: the most recent reports, and no more than this in all.
_KEPT_REPORTS = 20
_KEPT_BYTES = 200 * 1024 * 1024
_CSP = ("default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; "
        "img-src data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
_HEADERS = {"Content-Security-Policy": _CSP, "X-Content-Type-Options": "nosniff",
            "Referrer-Policy": "no-referrer", "Cache-Control": "no-store"}


class CannotListen(Exception):
    """The address or port cannot be used; the message is for the user."""


class MissingExtra(Exception):
    """The web libraries are not installed (`pip install 'audit-rules[serve]'`)."""


def e(value: object) -> str:
    return escape("" if value is None else str(value), quote=True)


@dataclass
class Download:
    name: str
    content: bytes


@dataclass
class Downloads:
    """Annotated workbooks by report token, oldest dropped first."""

    reports: OrderedDict = field(default_factory=OrderedDict)

    def keep(self, files: list[Download]) -> str:
        token = secrets.token_urlsafe(16)
        self.reports[token] = files
        while len(self.reports) > _KEPT_REPORTS or (
                len(self.reports) > 1 and self.size() > _KEPT_BYTES):
            self.reports.popitem(last=False)
        return token

    def size(self) -> int:
        return sum(len(f.content) for files in self.reports.values() for f in files)

    def get(self, token: str, index: int) -> Download | None:
        files = self.reports.get(token) or []
        return files[index] if 0 <= index < len(files) else None


def safe_name(name: str, index: int) -> str:
    """The file's own name without any folder, or `upload-N` when nothing usable is left."""
    base = terminal_text(Path(name.replace("\\", "/")).name).strip().lstrip(".")
    return base[:200] or f"upload-{index}"


_UPLOAD_STYLE = """
* { box-sizing: border-box; }
body { font-family: system-ui, -apple-system, "Segoe UI", "PingFang SC", "Microsoft YaHei",
       "Noto Sans CJK SC", sans-serif; margin: 0; color: #1f2328; line-height: 1.5; }
main { max-width: 46rem; margin: 0 auto; padding: 1.5rem 1rem; }
h1 { font-size: 1.4rem; margin: 0 0 .5rem; }
#drop { display: block; border: 2px dashed #8c959f; border-radius: .6rem; padding: 2.5rem 1rem;
        text-align: center; cursor: pointer; background: #f6f8fa; }
#drop.over { border-color: #1f5f99; background: #ddebf7; }
#files { display: block; margin: 1rem auto 0; max-width: 100%; }
button { margin-top: 1rem; font-size: 1rem; padding: .4rem 1.2rem; }
.note { color: #57606a; font-size: .9rem; }
#problem { color: #c62828; font-weight: 600; }
"""

# Puts dropped files into the form's file input and sends the form; refuses, before
# sending, what is over the limit (the server refuses it again).
_UPLOAD_SCRIPT = """
(function () {
  var form = document.getElementById('upload'), drop = document.getElementById('drop');
  var input = document.getElementById('files'), problem = document.getElementById('problem');
  var limit = Number(form.dataset.limit);
  function tooBig() {
    var total = 0;
    Array.prototype.forEach.call(input.files, function (f) { total += f.size; });
    if (total > limit) { problem.textContent = form.dataset.tooBig; return true; }
    problem.textContent = ''; return false;
  }
  ['dragenter', 'dragover'].forEach(function (name) {
    drop.addEventListener(name, function (ev) { ev.preventDefault(); drop.classList.add('over'); });
  });
  drop.addEventListener('dragleave', function () { drop.classList.remove('over'); });
  drop.addEventListener('drop', function (ev) {
    ev.preventDefault(); drop.classList.remove('over');
    input.files = ev.dataTransfer.files;
    if (!tooBig()) form.submit();
  });
  form.addEventListener('submit', function (ev) { if (tooBig()) ev.preventDefault(); });
})();
"""


class Site:
    """The pages and what they need: the rule book, the language, the limits."""

    def __init__(self, book, lang: str = "zh", max_upload_mb: float = DEFAULT_MAX_UPLOAD_MB,
                 upload_root: str | Path | None = None):
        from .readers import supported_extensions

        self.book = book
        self.lang = lang
        self.max_bytes = int(max_upload_mb * 1024 * 1024)
        self.max_upload_mb = max_upload_mb
        self.upload_root = Path(upload_root) if upload_root else None
        self.extensions = supported_extensions()
        self.downloads = Downloads()
        self._one_at_a_time = threading.Lock()
        # Host names answered (see site_hosts); None: this machine's names only.
        self.hosts: list[str] | None = None

    def text(self, key: str, **values: object) -> str:
        template = self.book.message(key, self.lang) or key
        return template.format(**values) if values else template

    def too_big_text(self, size: int | None) -> str:
        if size is None:
            return self.text("ui.serve.too_big_unknown", limit=self._mb(self.max_bytes))
        return self.text("ui.serve.too_big", size=self._mb(size), limit=self._mb(self.max_bytes))

    @staticmethod
    def _mb(size: int) -> str:
        return f"{size / 1024 / 1024:.1f} MB"

    def page(self, title: str, body: str, style: str = _UPLOAD_STYLE, script: str = "") -> str:
        lang = "zh-CN" if self.lang == "zh" else "en"
        return (f'<!DOCTYPE html>\n<html lang="{lang}"><head><meta charset="utf-8">'
                f'<meta name="viewport" content="width=device-width, initial-scale=1">'
                f'<title>{e(title)}</title><style>{style}</style></head><body>'
                f'<main>{body}</main>' + (f"<script>{script}</script>" if script else "")
                + "</body></html>\n")

    def upload_page(self, problem: str = "") -> str:
        accept = ",".join(self.extensions)
        body = (f'<h1>{e(self.text("ui.serve.title"))}</h1>'
                f'<p>{e(self.text("ui.serve.intro"))}</p>'
                f'<form id="upload" method="post" action="report" enctype="multipart/form-data" '
                f'data-limit="{self.max_bytes}" '
                f'data-too-big="{e(self.text("ui.serve.too_big_unknown", limit=self._mb(self.max_bytes)))}">'
                f'<label id="drop" for="files">{e(self.text("ui.serve.drop"))}'
                f'<input id="files" type="file" name="files" multiple accept="{e(accept)}"></label>'
                f'<button type="submit">{e(self.text("ui.serve.submit"))}</button>'
                f'<p id="problem" role="alert">{e(problem)}</p></form>'
                f'<p class="note">{e(self.text("ui.serve.private", limit=self._mb(self.max_bytes)))}</p>'
                f'<p class="note">{e(self.text("ui.serve.formats", formats=" ".join(self.extensions)))}</p>')
        return self.page(self.text("ui.serve.title"), body, script=_UPLOAD_SCRIPT)

    def audit(self, uploads: list[tuple[str, bytes]]) -> str:
        """Writes the uploads to a folder of their own, audits and annotates them, removes
        the folder, and returns the report page. One upload at a time: a page for one
        office, and the audit already uses a core."""
        with self._one_at_a_time:
            return self._audit(uploads)

    def _audit(self, uploads: list[tuple[str, bytes]]) -> str:
        from .annotate import WRITABLE, AnnotateError, annotate_workbook
        from .report import Report
        from .report.html import render_page

        if self.upload_root:
            self.upload_root.mkdir(parents=True, exist_ok=True)
        folder = Path(tempfile.mkdtemp(prefix="audit-rules-", dir=self.upload_root))
        try:
            paths, names = [], []
            for index, (name, content) in enumerate(uploads, 1):
                shown = safe_name(name, index)
                # One folder per file: two uploads may share a name.
                place = folder / str(index)
                place.mkdir()
                path = place / shown
                try:
                    path.write_bytes(content)
                except OSError:  # a name this system cannot hold (CON.xlsx on Windows, …)
                    shown = f"upload-{index}{Path(shown).suffix[:8]}"
                    path = place / shown
                    path.write_bytes(content)
                paths.append(str(path))
                names.append(shown)
            results = self._results(paths)
            report = Report(results, self.book, self.lang)
            downloads = []
            for result, shown in zip(results, names):
                if not result.path.lower().endswith(WRITABLE) or result.status != "ok":
                    continue
                target = folder / f"{len(downloads)}.annotated{Path(shown).suffix.lower()}"
                try:
                    annotate_workbook(result, target, report, paths)
                except AnnotateError:
                    continue
                downloads.append(Download(f"{Path(shown).stem}.annotated{Path(shown).suffix.lower()}",
                                          target.read_bytes()))
            # The report names the files as the officer knows them, not by the folder here.
            for result, shown in zip(results, names):
                _rename(result, shown)
            token = self.downloads.keep(downloads) if downloads else ""
            return render_page(report, top=self._nav(token, downloads))
        finally:
            shutil.rmtree(folder, ignore_errors=True)

    def _results(self, paths: list[str]):
        from .batch import audit_paths
        from .model import FileResult

        results = []
        for path in paths:
            try:
                results.extend(audit_paths([path], self.book, self.lang))
            except Exception:  # one bad file is that file's line, never the page's end
                results.append(FileResult(path=path, status="error",
                                          error=self.text("ui.serve.failed")))
        return results

    def _nav(self, token: str, downloads: list[Download]) -> str:
        links = "".join(
            f'<li><a href="download/{token}/{index}" download="{e(item.name)}">{e(item.name)}</a></li>'
            for index, item in enumerate(downloads))
        listing = (f'<p>{e(self.text("ui.serve.downloads"))}</p><ul>{links}</ul>'
                   if downloads else "")
        return (f'<nav class="serve" style="padding:.6rem 1rem;background:#ddebf7;'
                f'overflow-wrap:anywhere">{listing}'
                f'<p><a href="./">{e(self.text("ui.serve.again"))}</a></p></nav>')


def _rename(result, shown: str) -> None:
    from dataclasses import replace

    original = result.path
    result.path = shown
    if result.error:
        result.error = result.error.replace(original, shown)

    def moved(location):
        return replace(location, path=shown) if location.path == original else location

    for finding in result.findings:
        finding.location = moved(finding.location)
        finding.related = [moved(loc) for loc in finding.related]


def create_app(site: Site):
    try:
        from starlette.applications import Starlette
        from starlette.middleware import Middleware
        from starlette.middleware.trustedhost import TrustedHostMiddleware
        from starlette.requests import Request
        from starlette.responses import HTMLResponse, Response
        from starlette.routing import Route
    except ImportError as exc:  # pragma: no cover - the extra is installed in tests
        raise MissingExtra(str(exc)) from None

    def html(text: str, status: int = 200) -> HTMLResponse:
        return HTMLResponse(text, status_code=status, headers=_HEADERS)

    def refused(message: str, status: int) -> HTMLResponse:
        return html(site.upload_page(problem=message), status)

    async def index(request: Request):
        return html(site.upload_page())

    async def report(request: Request):
        declared = request.headers.get("content-length")
        if declared and declared.isdigit() and int(declared) > site.max_bytes:
            return refused(site.too_big_text(int(declared)), 413)
        body = bytearray()
        async for chunk in request.stream():
            body.extend(chunk)
            if len(body) > site.max_bytes:
                return refused(site.too_big_text(None), 413)

        async def replay():
            return {"type": "http.request", "body": bytes(body), "more_body": False}

        parsed = Request(request.scope, replay)
        try:
            form = await parsed.form(max_files=200, max_fields=50,
                                     max_part_size=site.max_bytes)
        except Exception:  # a malformed form: say so, do not crash
            return refused(site.text("ui.serve.bad_form"), 400)
        try:
            uploads = []
            for item in form.getlist("files"):
                if hasattr(item, "read") and getattr(item, "filename", None):
                    uploads.append((item.filename, await item.read()))
        finally:
            await form.close()
        if not uploads:
            return refused(site.text("ui.serve.no_files"), 400)
        page = await asyncio.to_thread(site.audit, uploads)
        return html(page)

    async def download(request: Request):
        try:
            index = int(request.path_params["index"])
        except ValueError:
            index = -1
        item = site.downloads.get(request.path_params["token"], index)
        if item is None:
            return refused(site.text("ui.serve.gone"), 404)
        disposition = f"attachment; filename*=UTF-8''{quote(item.name)}"
        return Response(item.content, headers={
            **_HEADERS, "Content-Disposition": disposition},
            media_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")

    routes = [Route("/", index), Route("/report", report, methods=["POST"]),
              Route("/download/{token}/{index}", download)]
    return Starlette(routes=routes, middleware=[Middleware(TrustedHostMiddleware,
                                                           allowed_hosts=site_hosts(site))])


def site_hosts(site: Site) -> list[str]:
    """Host headers answered: only names of this machine, against DNS rebinding (a web page
    elsewhere that points its own name at 127.0.0.1 to read the reports)."""
    return site.hosts or ["127.0.0.1", "localhost", "[::1]"]


def serve(site: Site, host: str, port: int, announce) -> None:
    try:
        import uvicorn
    except ImportError as exc:
        raise MissingExtra(str(exc)) from None
    if host not in ("127.0.0.1", "localhost", "::1"):
        site.hosts = ["*"]  # asked to be reachable from elsewhere: any name may be used
    import socket

    app = create_app(site)
    # Bound here, not by uvicorn, so that a port in use is one plain sentence.
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    listener = socket.socket(family, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        listener.bind((host, port))
    except OSError as exc:
        listener.close()
        import errno

        reason = {errno.EADDRINUSE: site.text("ui.serve.port_in_use"),
                  errno.EACCES: site.text("ui.serve.no_permission")}.get(
            exc.errno, exc.strerror or str(exc))
        raise CannotListen(site.text("ui.serve.cannot_listen", host=host, port=port,
                                     reason=reason)) from None
    listener.listen(64)  # connections made as soon as the address is announced wait here
    port = listener.getsockname()[1]
    shown = f"[{host}]" if ":" in host else host
    announce(site.text("ui.serve.listening", url=f"http://{shown}:{port}/"))
    config = uvicorn.Config(app, log_level="warning", server_header=False, lifespan="off")
    try:
        uvicorn.Server(config).run(sockets=[listener])
    finally:
        listener.close()
