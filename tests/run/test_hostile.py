"""Hostile snippets: each is contained, reported as a RUN finding, leaves no process and no
file behind, and does not change the verdict of the honest record validated with them."""

from __future__ import annotations

import os
import socket
import uuid
from pathlib import Path

import pytest

from qbank.services.sandbox import close_shared, shared
from qbank.services.sandbox.zygote import UID_BASE
from tests.conftest import run_bank, write_bank
from tests.run.conftest import code_record

pytestmark = pytest.mark.slow


def _uids_of(zygote_pid: int) -> range:
    start = UID_BASE + ((zygote_pid << 12) % (1 << 30))
    return range(start, start + 4096)


def _processes_with(uids: range, zygote_pid: int) -> list[str]:
    left = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            st = os.stat(f"/proc/{entry}")
            with open(f"/proc/{entry}/stat") as fh:
                ppid = int(fh.read().rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            continue
        if st.st_uid in uids or ppid == zygote_pid:
            left.append(entry)
    return left


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> dict:
    root = tmp_path_factory.mktemp("hostile")
    token = uuid.uuid4().hex
    outside = root / f"escaped-{token}.txt"
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)
    port = listener.getsockname()[1]
    secret = uuid.uuid4().hex
    os.environ["QBANK_TEST_SECRET"] = secret
    close_shared()  # a zygote of our own, started with the secret in the runner's environment
    records = {
        "infinite-loop": code_record("infinite-loop", "while True:\n    pass",
                                     fence="python timeout=2"),
        "memory-bomb": code_record("memory-bomb", "blocks = []\nwhile True:\n"
                                   "    blocks.append(bytearray(64 * 1024 * 1024))"),
        "fork-bomb": code_record("fork-bomb", "import os\nwhile True:\n    os.fork()",
                                 fence="python timeout=3"),
        "output-flood": code_record("output-flood", "while True:\n    print('x' * 1000)"),
        "calls-sys-exit": code_record("calls-sys-exit", "import sys\nsys.exit(3)"),
        "calls-os-exit": code_record("calls-os-exit", "import os\nos._exit(0)"),
        "segfault": code_record("segfault", "import ctypes\nctypes.string_at(0)"),
        "writes-outside": code_record(
            "writes-outside",
            f"with open({str(outside)!r}, 'w') as fh:\n    fh.write('escaped')"),
        "writes-tmp": code_record(
            "writes-tmp",
            f"with open('/tmp/qbank-escape-{token}', 'w') as fh:\n    fh.write('x')\n"
            f"with open('/dev/shm/qbank-escape-{token}', 'w') as fh:\n    fh.write('x')\n"
            "print('written')", output="written"),
        "reads-environment": code_record(
            "reads-environment",
            "import os\nprint(sorted(k for k in os.environ if 'SECRET' in k))", output="[]"),
        "reads-runner-proc": code_record(
            "reads-runner-proc", f"print(open('/proc/{os.getpid()}/environ').read())"),
        "reaches-network": code_record(
            "reaches-network",
            f"import socket\nsocket.create_connection(('127.0.0.1', {port}), timeout=2)"),
        "honest": code_record("honest", "print(2 + 2)", output="4"),
    }
    bank = write_bank(root, {f"keras/{k}.yaml": v for k, v in records.items()})
    sandbox = shared()
    from qbank.services.sandbox import Job

    caps = sandbox.run([Job(code="pass")])[0].caps  # what this machine allows
    zygote_pid = sandbox.proc.pid if sandbox.proc else -1
    sandbox_dir = Path(sandbox.base)
    try:
        result = run_bank(bank, select=["RUN"])
    finally:
        listener.close()
        del os.environ["QBANK_TEST_SECRET"]
    close_shared()
    return {"result": result, "outside": outside, "token": token, "secret": secret,
            "zygote": zygote_pid, "root": root, "sandbox_dir": sandbox_dir, "caps": caps}


def _codes(result, rid: str) -> set[str]:
    return {f.code for f in result.findings if f.question == rid}


@pytest.mark.parametrize("rid,expected", [
    ("infinite-loop", {"RUN006"}),
    ("memory-bomb", {"RUN007"}),
    ("output-flood", {"RUN011"}),
    ("calls-sys-exit", {"RUN007"}),
    ("calls-os-exit", {"RUN007"}),
    ("segfault", {"RUN007"}),
    ("writes-outside", {"RUN003"}),
    ("reads-runner-proc", {"RUN003"}),
    ("reaches-network", {"RUN003"}),
])
def test_each_hostile_snippet_is_a_run_finding(hostile: dict, rid: str, expected: set) -> None:
    needs = {"writes-outside": "mountns", "reads-runner-proc": "pidns",
             "reaches-network": "netns"}.get(rid)
    if needs and not hostile["caps"].get(needs):
        pytest.skip(f"this machine does not allow {needs} (see docs/sandbox.md)")
    assert _codes(hostile["result"], rid) == expected


def test_a_fork_bomb_is_stopped(hostile: dict) -> None:
    assert _codes(hostile["result"], "fork-bomb") & {"RUN006", "RUN007"}


def test_nothing_is_written_outside_the_working_directory(hostile: dict) -> None:
    if not hostile["caps"].get("mountns"):
        pytest.skip("no mount namespace on this machine: writes are best effort")
    assert not hostile["outside"].exists()
    # writes to /tmp and /dev/shm land in the job's private tmpfs, gone with it
    assert not Path(f"/tmp/qbank-escape-{hostile['token']}").exists()
    assert not Path(f"/dev/shm/qbank-escape-{hostile['token']}").exists()
    assert not _codes(hostile["result"], "writes-tmp")
    # the host-side job directories (captured output, fallback working dirs) are removed
    assert not hostile["sandbox_dir"].exists()


def test_the_runner_environment_is_not_visible(hostile: dict) -> None:
    assert not _codes(hostile["result"], "reads-environment")
    leaked = [f for f in hostile["result"].findings if hostile["secret"] in f.message]
    assert not leaked


def test_no_process_is_left_behind(hostile: dict) -> None:
    if not hostile["caps"].get("uid"):
        pytest.skip("not root: the snippets share the runner's uid")
    zygote = hostile["zygote"]
    assert zygote > 0
    assert not Path(f"/proc/{zygote}").exists()  # closed and reaped
    assert _processes_with(_uids_of(zygote), zygote) == []


def test_the_honest_record_still_passes(hostile: dict) -> None:
    result = hostile["result"]
    assert _codes(result, "honest") == set()
    verdicts = {Path(p).stem: v for p, v in result.verdicts.items()}
    assert verdicts["honest"] == "pass"
    assert result.stats.run.failed >= 10
