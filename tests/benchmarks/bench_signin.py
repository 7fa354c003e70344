"""Failed sign-ins take the same time, whatever the reason.

Run: ``python tests/benchmarks/bench_signin.py [--runs 30]``.

Times ``auth.sign_in`` on a fresh database for an unknown username, an inactive
account, a wrong password (kept under the lockout threshold by a reset between runs)
and a locked account, interleaved so machine load hits them alike. Prints the median
and p90 of each and each median's ratio to the wrong-password median; the target is
a ratio within 0.8-1.25 (an attacker cannot tell which usernames exist).
"""

from __future__ import annotations

import argparse
import contextlib
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def main() -> int:
    sys.path.insert(0, str(ROOT))
    from frontdesk.config import DataLocation
    from frontdesk.db.opening import open_database
    from frontdesk.errors import UserError
    from frontdesk.models import User
    from frontdesk.services import auth, users
    from frontdesk.services.context import SYSTEM, Context
    from frontdesk.services.setup import FirstAdmin, initialise

    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        db = open_database(DataLocation(Path(folder) / "bench.db")).db
        actor = initialise(Context(db, SYSTEM), "Bench Hotel", FirstAdmin("admin", "Admin", "long enough pw"))
        ctx = Context(db, actor)
        gone = users.create_staff(ctx, users.StaffInput("gone", "Gone", "receptionist"), "long enough pw")
        users.deactivate(ctx, gone)
        locked = users.create_staff(
            ctx, users.StaffInput("locked", "Locked", "receptionist"), "long enough pw"
        )
        users.create_staff(ctx, users.StaffInput("wrong", "Wrong", "receptionist"), "long enough pw")

        def lock_it() -> None:
            from datetime import timedelta

            with db.session(write=True) as s:
                user = s.get(User, locked)
                assert user is not None
                user.locked_until = ctx.now() + timedelta(hours=1)
                s.add(user)

        lock_it()
        cases = {"unknown user": "nobody", "inactive": "gone", "wrong password": "wrong", "locked": "locked"}
        times: dict[str, list[float]] = {name: [] for name in cases}
        for run in range(args.runs + 3):
            for name, username in cases.items():
                start = time.perf_counter()
                with contextlib.suppress(UserError):
                    auth.sign_in(ctx, username, "not the password")
                if run >= 3:  # warm-up left out
                    times[name].append(time.perf_counter() - start)
            users.unlock(ctx, users.find_staff(ctx, "wrong").id)  # stay under the lockout threshold
        base = statistics.median(times["wrong password"])
        for name, values in times.items():
            values.sort()
            median = statistics.median(values)
            p90 = values[int(len(values) * 0.9) - 1]
            print(
                f"{name:15} median {median * 1000:6.1f} ms  p90 {p90 * 1000:6.1f} ms"
                f"  ratio {median / base:.2f}"
            )
        db.dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
