"""Instructions per call, counted by callgrind, against botocore's own floors; and the cost of first use.

Three clients of the same service, each in its own process under ``valgrind --tool=callgrind``:

- **mock**: a client under ``mock_smsvoice`` (its account holds one simulator phone number);
- **unsigned floor**: the same client with a bare ``before-send`` handler returning the bytes the mock
  answered and ``choose-signer`` returning ``UNSIGNED`` (botocore's own path, nothing of the mock's;
  ``smsvoice_mock`` is not imported);
- **signed floor**: the same, signed (SigV4) as a client of the real service is.

Each send carries a new one-time code in its body (``Your code is 100000``, ``100001``...), as a
test's sends do, so no cost is measured that only a body repeated word for word would have.

Each process warms up, then runs ``N`` calls of one operation inside a ctypes callback (from libc's
``lfind``), which nothing else in the process makes: callgrind collects only while ctypes' C
function for callbacks, ``closure_fcn``, runs (``--collect-atstart=no --toggle-collect=closure_fcn``)
and writes one profile per measurement (``--dump-after=closure_fcn``), so a count is the calls' own,
divided by ``N``. Callgrind
counts instructions, not time: the figures repeat from run to run whatever else the machine does.

Then, in fresh processes without valgrind (medians of wall time): ``-X importtime``'s cumulative
figure for ``smsvoice_mock``, alone and after ``import boto3``, and the time from ``import boto3`` to
the first answered call (``describe_phone_numbers``) under the mock against plain boto3 with a stub
``before-send`` handler. These processes read compiled bytecode, as an installed package has it (pip
compiles on install): every module's ``.pyc`` is written to a temporary ``PYTHONPYCACHEPREFIX`` by
one discarded run of each program first, and ``PYTHONDONTWRITEBYTECODE`` is unset for them; without
that, a fresh process would compile the mock's source each time while boto3 reads its ``.pyc``. The
output says so.

Only measured figures are printed; nothing here passes or fails.

    python benchmarks/instructions.py            # 200 calls per count, 9 fresh processes per figure
    python benchmarks/instructions.py --quick    # 50 calls per count, 5 fresh processes per figure

valgrind: ``apt-get install -y valgrind`` (Debian, Ubuntu) or ``brew install valgrind`` (Linux only
on Homebrew).
"""

from __future__ import annotations

import argparse
import ctypes
import itertools
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

SERVICE = "pinpoint-sms-voice-v2"
OPERATIONS = ("send_text_message", "describe_phone_numbers")
VARIANTS = ("mock", "unsigned", "signed")
WARM_UP = 30
ENV = {
    **os.environ,
    "AWS_ACCESS_KEY_ID": "bench",
    "AWS_SECRET_ACCESS_KEY": "bench",
    "AWS_DEFAULT_REGION": "us-east-1",
    "PYTHONHASHSEED": "0",  # the same dictionaries, the same instructions, run after run
}
SEND = {"DestinationPhoneNumber": "+14254147755", "MessageBody": "Your code is 123456"}


# -- in the measured process ----------------------------------------------------------------------


def _in_lfind(loop: Callable[[], None]) -> None:
    """Run ``loop`` in a ctypes callback (``lfind``'s comparison): callgrind's marker."""
    errors: list[BaseException] = []
    compare_type = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p, ctypes.c_void_p)

    def compare(_a: Any, _b: Any) -> int:
        try:
            loop()
        except BaseException as exc:  # a callback can't raise through C: re-raised below
            errors.append(exc)
        return 0

    libc = ctypes.CDLL(None)
    lfind = libc.lfind
    lfind.restype = ctypes.c_void_p
    lfind.argtypes = [
        ctypes.c_void_p,
        ctypes.c_void_p,
        ctypes.POINTER(ctypes.c_size_t),
        ctypes.c_size_t,
        compare_type,
    ]
    key, items, count = ctypes.c_int(0), (ctypes.c_int * 1)(0), ctypes.c_size_t(1)
    lfind(
        ctypes.byref(key),
        items,
        ctypes.byref(count),
        ctypes.sizeof(ctypes.c_int),
        compare_type(compare),
    )
    if errors:
        raise errors[0]


def _client(bodies: dict[str, str] | None, signed: bool) -> Any:
    import boto3
    import botocore
    from botocore.awsrequest import AWSResponse
    from botocore.config import Config

    client = boto3.client(SERVICE, config=Config(retries={"total_max_attempts": 1}))
    if bodies is None:
        return client
    canned = {name: body.encode() for name, body in bodies.items()}
    targets = {
        "PinpointSMSVoiceV2.SendTextMessage": canned["send_text_message"],
        "PinpointSMSVoiceV2.DescribePhoneNumbers": canned["describe_phone_numbers"],
    }

    class Raw:
        def __init__(self, body: bytes) -> None:
            self.body = body

        def stream(self, **_: Any) -> Any:
            yield self.body

    def before_send(request: Any, **_: Any) -> AWSResponse:
        body = targets[request.headers["X-Amz-Target"].decode()]
        headers = {"x-amzn-RequestId": "r", "Content-Type": "application/x-amz-json-1.0"}
        return AWSResponse(request.url, 200, headers, Raw(body))

    client.meta.events.register(f"before-send.{SERVICE}", before_send)
    if not signed:
        client.meta.events.register(f"choose-signer.{SERVICE}", lambda **_: botocore.UNSIGNED)
    return client


def child(variant: str, calls: int, bodies_file: str | None) -> None:
    """Warm up, then one ``lfind`` per operation of ``calls`` calls each."""
    if variant == "mock":
        from smsvoice_mock import mock_smsvoice

        mock = mock_smsvoice()
        mock.start()
        client = _client(None, signed=False)
        number = client.request_phone_number(
            IsoCountryCode="US",
            MessageType="TRANSACTIONAL",
            NumberCapabilities=["SMS"],
            NumberType="SIMULATOR",
        )
        origination = number["PhoneNumberId"]
    else:
        bodies = json.loads(Path(bodies_file or "").read_text())
        client = _client(bodies, signed=variant == "signed")
        origination = "phone-00000000000000000000000000000000"
    codes = itertools.count(100000)  # a new one-time code in every message, as real sends have
    run: dict[str, Callable[[], Any]] = {
        "send_text_message": lambda: client.send_text_message(
            OriginationIdentity=origination,
            DestinationPhoneNumber=SEND["DestinationPhoneNumber"],
            MessageBody=f"Your code is {next(codes)}",
        ),
        "describe_phone_numbers": lambda: client.describe_phone_numbers(),
    }
    for name in OPERATIONS:
        call = run[name]
        for _ in range(WARM_UP):
            call()

        def loop(call: Callable[[], Any] = call) -> None:
            for _ in range(calls):
                call()

        _in_lfind(loop)


# -- the parent ------------------------------------------------------------------------------------


def mock_bodies() -> dict[str, str]:
    """The bytes the mock answers each operation with (what the floors hand botocore)."""
    code = (
        "import json, boto3\n"
        "from smsvoice_mock import mock_smsvoice\n"
        "with mock_smsvoice():\n"
        f"    c = boto3.client({SERVICE!r})\n"
        "    seen = []\n"
        f"    c.meta.events.register('after-call.{SERVICE}', "
        "lambda http_response, **_: seen.append(http_response.content.decode()))\n"
        "    n = c.request_phone_number(IsoCountryCode='US', MessageType='TRANSACTIONAL', "
        "NumberCapabilities=['SMS'], NumberType='SIMULATOR')\n"
        f"    c.send_text_message(OriginationIdentity=n['PhoneNumberId'], **{SEND!r})\n"
        "    c.describe_phone_numbers()\n"
        "    print(json.dumps({'send_text_message': seen[1], 'describe_phone_numbers': seen[2]}))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], env=ENV, capture_output=True, text=True, check=True
    ).stdout
    result: dict[str, str] = json.loads(out)
    return result


_TOTALS = re.compile(r"^(?:totals|summary): (\d+)", re.MULTILINE)


def count(variant: str, calls: int, bodies_file: str, work: Path) -> dict[str, float]:
    """Instructions per call of each operation for ``variant``, from one process under callgrind."""
    out = work / f"{variant}.out"
    command = [
        "valgrind",
        "--tool=callgrind",
        "--collect-atstart=no",
        "--toggle-collect=closure_fcn",
        "--dump-after=closure_fcn",
        f"--callgrind-out-file={out}",
        sys.executable,
        __file__,
        "--child",
        variant,
        "--calls",
        str(calls),
        "--bodies",
        bodies_file,
    ]
    done = subprocess.run(command, env=ENV, capture_output=True, text=True)
    if done.returncode:
        sys.exit(f"callgrind run of {variant} failed:\n{done.stderr[-3000:]}")
    # One profile per callback, in order ("out.1", "out.2"), then the empty one at exit.
    dumps = sorted(work.glob(f"{variant}.out.*"), key=lambda p: int(p.suffix[1:]))
    totals = []
    for path in dumps:
        found = _TOTALS.search(path.read_text(errors="replace"))
        if found and int(found.group(1)):
            totals.append(int(found.group(1)))
    if len(totals) != len(OPERATIONS):
        sys.exit(f"expected {len(OPERATIONS)} measured profiles of {variant}, found {totals}")
    return {name: total / calls for name, total in zip(OPERATIONS, totals, strict=True)}


def bytecode_env(cache: str) -> dict[str, str]:
    """The first-use processes' environment: bytecode cached (in ``cache``) and read, as an installed
    package's is, whatever ``PYTHONDONTWRITEBYTECODE`` says here."""
    env = {**ENV, "PYTHONPYCACHEPREFIX": cache}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def _fresh(code: str, env: dict[str, str]) -> float:
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    ).stdout
    return float(out.strip().splitlines()[-1])


def import_ms(after_boto3: bool, repeat: int, env: dict[str, str]) -> float:
    """``-X importtime``'s cumulative microseconds for ``smsvoice_mock``, median of fresh processes."""
    code = ("import boto3\n" if after_boto3 else "") + "import smsvoice_mock\n"
    samples = []
    for _ in range(repeat):
        err = subprocess.run(
            [sys.executable, "-X", "importtime", "-c", code],
            env=env,
            capture_output=True,
            text=True,
            check=True,
        ).stderr
        line = next(line for line in err.splitlines() if line.rstrip().endswith("| smsvoice_mock"))
        samples.append(int(line.split("|")[1]) / 1e3)
    return statistics.median(samples)


_FIRST_CALL = """\
import time
began = time.perf_counter()
import boto3
{setup}
client = boto3.client({service!r})
{register}
client.describe_phone_numbers()
print((time.perf_counter() - began) * 1e3)
"""

_MOCKED = dict(
    setup="from smsvoice_mock import mock_smsvoice\nmock_smsvoice().start()", register=""
)
_PLAIN = dict(
    setup="from botocore.awsrequest import AWSResponse\n"
    "class Raw:\n"
    "    def stream(self, **_):\n"
    "        yield b'{\"PhoneNumbers\":[]}'\n",
    register=f"client.meta.events.register('before-send.{SERVICE}', lambda request, **_: "
    "AWSResponse(request.url, 200, {'Content-Type': 'application/x-amz-json-1.0'}, Raw()))",
)


def first_call_ms(repeat: int, env: dict[str, str]) -> tuple[float, float]:
    """Median ms from ``import boto3`` to the first answered call: under the mock, and plain boto3
    with a stub handler (fresh processes, alternating, after one discarded run of each that writes
    the bytecode cache)."""
    mocked_code = _FIRST_CALL.format(service=SERVICE, **_MOCKED)
    plain_code = _FIRST_CALL.format(service=SERVICE, **_PLAIN)
    _fresh(mocked_code, env)
    _fresh(plain_code, env)
    mocked, plain = [], []
    for _ in range(repeat):
        mocked.append(_fresh(mocked_code, env))
        plain.append(_fresh(plain_code, env))
    return statistics.median(mocked), statistics.median(plain)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="50 calls per count, 5 processes")
    parser.add_argument("--child", choices=VARIANTS, help=argparse.SUPPRESS)
    parser.add_argument("--calls", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--bodies", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.calls, args.bodies)
        return
    calls, repeat = (50, 5) if args.quick else (200, 9)
    import boto3

    print(f"smsvoice_mock: instructions per call (python {sys.version.split()[0]}, "
          f"boto3 {boto3.__version__}, callgrind, {calls} calls after {WARM_UP} warm-up)")  # fmt: skip
    if shutil.which("valgrind") is None:
        print("  valgrind is not installed (apt-get install -y valgrind): no instruction counts")
    else:
        with tempfile.TemporaryDirectory() as tmp:
            work = Path(tmp)
            bodies_file = work / "bodies.json"
            bodies_file.write_text(json.dumps(mock_bodies()))
            counts = {v: count(v, calls, str(bodies_file), work) for v in VARIANTS}
        print(f"  {'operation':<24}{'mock':>12}{'unsigned':>12}{'signed':>12}"
              f"{'mock/unsigned':>15}{'mock/signed':>13}")  # fmt: skip
        for name in OPERATIONS:
            mock, unsigned, signed = (counts[v][name] for v in VARIANTS)
            print(f"  {name:<24}{mock:>12,.0f}{unsigned:>12,.0f}{signed:>12,.0f}"
                  f"{mock / unsigned:>15.3f}{mock / signed:>13.3f}")  # fmt: skip
    print(f"first use (fresh processes, medians of {repeat}):")
    print("  bytecode: cached and read, as in an installed package (.pyc written to a temporary\n"
          "  PYTHONPYCACHEPREFIX by one discarded run of each program first)")  # fmt: skip
    if os.environ.get("PYTHONDONTWRITEBYTECODE"):
        print("  PYTHONDONTWRITEBYTECODE is set here; it is unset for these processes")
    with tempfile.TemporaryDirectory() as cache:
        env = bytecode_env(cache)
        mocked, plain = first_call_ms(repeat, env)
        alone, after = import_ms(False, repeat, env), import_ms(True, repeat, env)
    print(f"  -X importtime, import smsvoice_mock alone:        {alone:7.1f} ms")
    print(f"  -X importtime, import smsvoice_mock after boto3:  {after:7.1f} ms")
    print(f"  import boto3 to the first answered call, mock:    {mocked:7.1f} ms")
    print(f"  the same, plain boto3 with a stub handler:        {plain:7.1f} ms")
    print(f"  the mock's first use over plain boto3:            {mocked - plain:+7.1f} ms")


if __name__ == "__main__":
    main()
