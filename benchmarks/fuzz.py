"""The long fuzzing profile (issue 10): run the model-driven fuzz tests with many examples and print
the calls made per outcome, and the operations the fuzz never got a success from.

    python benchmarks/fuzz.py                  # 300 examples per operation and mode
    python benchmarks/fuzz.py --examples 50    # shorter

The same run is ``SMSVOICE_FUZZ_PROFILE=long pytest tests/test_fuzz.py`` without the report.
"""

from __future__ import annotations

import argparse
import collections
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=300, help="examples per test")
    args = parser.parse_args()
    os.environ["SMSVOICE_FUZZ_PROFILE"] = "long"
    os.environ["SMSVOICE_FUZZ_EXAMPLES"] = str(args.examples)
    os.chdir(ROOT)
    sys.path.insert(0, str(ROOT))

    import pytest

    began = time.perf_counter()
    status = pytest.main(
        ["-q", "-p", "no:cacheprovider", "-p", "no:randomly", "tests/test_fuzz.py"]
    )
    elapsed = time.perf_counter() - began

    from tests.fuzzing import OUTCOMES

    total = sum(OUTCOMES.values())
    by_outcome: collections.Counter[str] = collections.Counter()
    successes: collections.Counter[str] = collections.Counter()
    operations: set[str] = set()
    for key, count in OUTCOMES.items():
        operation, outcome = key.split(": ", 1)
        operations.add(operation)
        by_outcome[outcome] += count
        if outcome == "200":
            successes[operation] += count
    print(f"\n{total:,} calls over {len(operations)} operations in {elapsed:.0f} s "
          f"({total / elapsed:,.0f} calls/s), pytest exit status {status}")  # fmt: skip
    width = max(len(k) for k in by_outcome) if by_outcome else 0
    for outcome, count in by_outcome.most_common():
        print(f"  {outcome.ljust(width)}  {count:>9,}  {count / total:6.1%}")
    never = sorted(operations - set(successes))
    print(f"operations never answered with success ({len(never)}): {', '.join(never) or '-'}")
    return int(status)


if __name__ == "__main__":
    raise SystemExit(main())
