"""`audit-rules serve`: the upload page, its limits, its clean-up, and a real browser using it."""

from __future__ import annotations

import io
import re
import socket
import threading
import time
from pathlib import Path

import pytest
from openpyxl import load_workbook

pytest.importorskip("starlette")
pytest.importorskip("multipart")
from starlette.testclient import TestClient  # noqa: E402

from auditor.serve import Site, create_app  # noqa: E402
from browser import browser_page, overflows  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
PLANTED = ROOT / "samples" / "planted-errors-selfeval.xlsx"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def uploads(tmp_path):
    return tmp_path / "uploads"


@pytest.fixture
def site(book, uploads):
    return Site(book, "zh", max_upload_mb=5, upload_root=uploads)


@pytest.fixture
def client(site):
    return TestClient(create_app(site), base_url="http://127.0.0.1")


def leftovers(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*")) if folder.exists() else []


def test_upload_page_loads_nothing_from_elsewhere(client):
    answer = client.get("/")
    assert answer.status_code == 200
    page = answer.text
    assert 'type="file"' in page and "multiple" in page
    assert not re.search(r"""(src|href|action)\s*=\s*["']?(https?:|//)""", page)
    assert "<link" not in page and "url(" not in page
    policy = answer.headers["content-security-policy"]
    assert "default-src 'none'" in policy and "form-action 'self'" in policy


def test_a_workbook_gives_its_report_and_annotated_copy_and_leaves_no_file(client, uploads):
    answer = client.post("/report", files=[("files", ("自评表.xlsx", PLANTED.read_bytes(), XLSX))])
    assert answer.status_code == 200
    page = answer.text
    assert page.count('class="finding ') == 12  # the sample's findings, all on the page
    assert "SE001" in page and "80.42%" in page and "自评表.xlsx" in page
    assert str(uploads) not in page  # files named as uploaded, not by the folder here
    assert leftovers(uploads) == []  # the upload is gone once the report is made
    link = re.search(r'href="(download/[^"]+)"', page).group(1)
    download = client.get("/" + link)
    assert download.status_code == 200
    assert "attachment" in download.headers["content-disposition"]
    assert "%E8%87%AA%E8%AF%84%E8%A1%A8.annotated.xlsx" in download.headers["content-disposition"]
    marked = load_workbook(io.BytesIO(download.content))
    assert marked.sheetnames[0] == "审核结果" and marked["审核结果"].max_row == 13
    assert leftovers(uploads) == []


def test_several_files_a_bad_one_and_a_hostile_name(client, uploads):
    answer = client.post("/report", files=[
        ("files", ("../../etc/passwd.xlsx", PLANTED.read_bytes(), XLSX)),
        ("files", ("broken.xlsx", b"PK\x03\x04 not a workbook", XLSX)),
        ("files", ("<img src=x onerror=alert(1)>.txt", "预算100万元，支出120万元，执行率50%。\n".encode(),
                   "text/plain"))])
    assert answer.status_code == 200
    page = answer.text
    assert "passwd.xlsx" in page and "../" not in page
    assert "broken.xlsx" in page
    assert "<img" not in page and "&lt;img src=x onerror=alert(1)&gt;.txt" in page
    assert leftovers(uploads) == []
    assert not (uploads.parent / "etc").exists()


def test_an_upload_over_the_limit_is_refused_with_413(client, uploads, site):
    big = b"x" * (site.max_bytes + 1)
    answer = client.post("/report", files=[("files", ("big.xlsx", big, XLSX))])
    assert answer.status_code == 413
    assert "上传过大" in answer.text and "5.0 MB" in answer.text and "--max-upload-mb" in answer.text
    assert leftovers(uploads) == []

    def chunks():  # no declared length: counted while read
        for _ in range(6):
            yield b"y" * (1024 * 1024)

    answer = client.post("/report", content=chunks(),
                         headers={"content-type": "multipart/form-data; boundary=zz"})
    assert answer.status_code == 413 and "上传过大" in answer.text


def test_nothing_uploaded_or_a_malformed_form_is_said_plainly(client):
    answer = client.post("/report", data={"x": "1"})
    assert answer.status_code == 400 and "没有收到文件" in answer.text
    answer = client.post("/report", content=b"--zz\r\nnonsense",
                         headers={"content-type": "multipart/form-data; boundary=zz"})
    assert answer.status_code == 400


def test_only_this_machines_names_are_answered(site):
    client = TestClient(create_app(site), base_url="http://evil.example")
    assert client.get("/").status_code == 400


def test_english_page(book, uploads):
    client = TestClient(create_app(Site(book, "en", upload_root=uploads)),
                        base_url="http://127.0.0.1")
    page = client.get("/").text
    assert "Drop files here" in page and not re.search("[\u4e00-\u9fff]", page)


def test_gone_download(client):
    answer = client.get("/download/nope/0")
    assert answer.status_code == 404 and "不存在" in answer.text


# --- in a browser -----------------------------------------------------------------------

@pytest.fixture
def server(site):
    import uvicorn

    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    port = listener.getsockname()[1]
    config = uvicorn.Config(create_app(site), log_level="warning", lifespan="off")
    running = uvicorn.Server(config)
    thread = threading.Thread(target=running.run, kwargs={"sockets": [listener]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not running.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert running.started
    yield f"http://127.0.0.1:{port}/"
    running.should_exit = True
    thread.join(timeout=30)
    listener.close()


def test_an_officer_uploads_a_sample_in_a_browser_and_reads_its_findings(server, uploads):
    with browser_page(375, 800) as page:
        page.goto(server)
        assert overflows(page) == []  # the upload page fits a phone
        page.set_input_files("#files", str(PLANTED))
        with page.expect_navigation():
            page.click("button[type=submit]")
        assert page.evaluate("document.body.dataset.filtered") == "yes"  # the report's script ran
        rows = page.locator("tr.finding:not([hidden])")
        assert rows.count() == 12
        assert "SE001" in page.inner_text("main") and "80.42%" in page.inner_text("main")
        assert overflows(page) == []  # and so does the report
        with page.expect_download() as waiting:
            page.click("nav.serve a[download]")
        download = waiting.value
        assert download.suggested_filename == "planted-errors-selfeval.annotated.xlsx"
        saved = uploads.parent / "downloaded.xlsx"
        download.save_as(saved)
        assert load_workbook(saved).sheetnames[0] == "审核结果"
    assert leftovers(uploads) == []


def test_a_file_dropped_on_the_page_is_audited(server):
    with browser_page() as page:
        page.goto(server)
        data = PLANTED.read_bytes()
        handle = page.evaluate_handle("""(bytes) => {
            const dt = new DataTransfer();
            dt.items.add(new File([new Uint8Array(bytes)], 'dropped.xlsx'));
            return dt;
        }""", list(data))
        with page.expect_navigation():
            page.dispatch_event("#drop", "drop", {"dataTransfer": handle})
        assert page.locator("tr.finding").count() == 12
        assert "dropped.xlsx" in page.inner_text("main")


def test_the_command_serves_on_this_machine_and_says_where(tmp_path):
    import os
    import subprocess
    import sys
    import urllib.request

    env = {**os.environ, "TMPDIR": str(tmp_path)}
    process = subprocess.Popen([sys.executable, "-m", "auditor.cli", "serve", "--port", "0"],
                               stderr=subprocess.PIPE, text=True, env=env, cwd=ROOT)
    try:
        line = process.stderr.readline()
        url = re.search(r"http://127\.0\.0\.1:\d+/", line).group(0)
        assert "审核网页已启动" in line
        direct = urllib.request.build_opener(urllib.request.ProxyHandler({}))
        with direct.open(url, timeout=30) as answer:
            assert answer.status == 200 and "拖到这里" in answer.read().decode("utf-8")
        port = int(url.rsplit(":", 1)[1].strip("/"))
        busy = subprocess.run([sys.executable, "-m", "auditor.cli", "serve", "--port", str(port)],
                              capture_output=True, text=True, timeout=120, cwd=ROOT)
        assert busy.returncode == 2
        assert busy.stderr.strip().splitlines() == [
            f"无法在 127.0.0.1 端口 {port} 上启动网页：端口已被占用（可用 --port 换一个端口）"]
    finally:
        process.terminate()
        process.wait(timeout=30)
