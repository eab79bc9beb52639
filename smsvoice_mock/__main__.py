"""python -m smsvoice_mock demo: a narrated scenario under the mock, printed as tables.

python -m smsvoice_mock checklist: the operation checklist of docs/behaviour.md.

python -m smsvoice_mock refresh-model: copy the installed botocore's service model into the package
(for maintainers, after upgrading botocore).

python -m smsvoice_mock serve [--host 127.0.0.1] [--port 4566] [--state FILE] [--seed FILE] [--sandbox]
[--sns-http TOPIC_ARN=URL]...: the emulator as an HTTP server (docs/server.md).

Installed with pip, the console script smsvoice-mock runs the same commands (smsvoice-mock serve)."""

from __future__ import annotations

import argparse
import os
import sys


def checklist() -> str:
    """The operation checklist of docs/behaviour.md, generated from the registry and the model."""
    from smsvoice_mock._dispatch import NOT_IMPLEMENTED, load_handlers
    from smsvoice_mock._model import operation_names

    handlers = load_handlers()
    names = sorted(operation_names())
    done = sum(1 for n in names if n in handlers)
    lines = [
        f"{done} of {len(names)} operations of the service model (the newest, shipped with the package) are emulated.",
        "",
        "| Operation | Status |",
        "|---|---|",
    ]
    for name in names:
        status = "emulated" if name in handlers else "not yet (answers NotImplemented)"
        if name not in handlers and name not in NOT_IMPLEMENTED:
            status = "missing from the registry and from NOT_IMPLEMENTED"
        lines.append(f"| `{name}` | {status} |")
    return "\n".join(lines)


def _port(text: str) -> int:
    if not (text.isascii() and text.isdigit()) or int(text) > 65535:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port; give a number from 0 to 65535")
    return int(text)


def _version() -> str:
    from importlib import metadata

    try:
        return metadata.version("smsvoice-mock")
    except metadata.PackageNotFoundError:  # pragma: no cover - a source tree
        return "unknown"


def main(argv: list[str] | None = None) -> int:
    try:
        return _main(argv)
    except BrokenPipeError:
        # The reader went away (``checklist | head``): stop quietly, as other command-line tools do.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0


def _prog() -> str:
    """How the user ran us: the ``smsvoice-mock`` console script, or ``python -m smsvoice_mock``."""
    script = os.path.basename(sys.argv[0]) if sys.argv and sys.argv[0] else ""
    return "smsvoice-mock" if script.startswith("smsvoice-mock") else "python -m smsvoice_mock"


def _main(argv: list[str] | None = None) -> int:
    prog = _prog()
    parser = argparse.ArgumentParser(
        prog=prog,
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"smsvoice_mock {_version()}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="command")
    commands.add_parser("demo", help="run a narrated scenario under the mock")
    commands.add_parser("checklist", help="print the operation checklist")
    commands.add_parser(
        "refresh-model", help="ship the installed botocore's service model in the package"
    )
    serve = commands.add_parser(
        "serve",
        help="serve the emulator over HTTP (JSON 1.0) for the AWS CLI and other SDKs",
        prog=f"{prog} serve",  # a bad option shows serve's own usage
    )
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (127.0.0.1)")
    serve.add_argument(
        "--port", type=_port, default=4566, help="port to listen on (4566; 0: any free)"
    )
    serve.add_argument("--state", metavar="FILE", help="keep the state in FILE across restarts")
    serve.add_argument(
        "--seed", metavar="FILE", help="start an empty state with this JSON or YAML seed"
    )
    serve.add_argument("--sandbox", action="store_true", help="start accounts in the SMS sandbox")
    serve.add_argument(
        "--allow-host",
        metavar="NAME",
        action="append",
        default=[],
        help="also serve requests whose Host is NAME (repeatable; loopback names always)",
    )
    serve.add_argument(
        "--cors-origin",
        metavar="ORIGIN",
        action="append",
        default=[],
        help="let pages of ORIGIN (e.g. http://localhost:3000) call the server (repeatable)",
    )
    serve.add_argument(
        "--sns-http",
        metavar="TOPIC_ARN=URL",
        action="append",
        default=[],
        help="POST what is published to the SNS topic to URL, as SNS does (repeatable)",
    )
    args, unknown = parser.parse_known_args(argv)
    if unknown:  # name the command's own usage (serve --prot 5000 shows serve's options)
        subparser = commands.choices[args.command]
        subparser.error(f"unrecognized arguments: {' '.join(unknown)}")
    if args.command == "demo":
        from smsvoice_mock._demo import demo

        return demo()
    if args.command == "refresh-model":
        from smsvoice_mock._model import refresh

        print(refresh())
        return 0
    if args.command == "serve":
        from smsvoice_mock.server import serve as run_server

        return run_server(
            args.host,
            args.port,
            state_path=args.state,
            seed_path=args.seed,
            sandbox=args.sandbox,
            allow_hosts=args.allow_host,
            cors_origins=args.cors_origin,
            sns_http=args.sns_http,
        )
    print(checklist())
    return 0


if __name__ == "__main__":
    sys.exit(main())
