"""Run one command and write its wall time, CPU time and peak memory as JSON.

Usage: ``python -S benchmarks/launch.py REPORT COMMAND [ARGUMENT ...]``.

Linux keeps a process's peak resident set across ``exec``, and a child
that is forked or vforked starts from its parent's. Measured directly from
the harness, every command would report at least the harness's own peak.
This launcher is small (started with ``-S``, it imports only built-in
modules), so the peak it passes on to the command is a few megabytes.
It exits with the command's exit code.
"""

import json
import os
import sys
import time


def main() -> int:
    report, *command = sys.argv[1:]
    started = time.perf_counter()
    pid = os.posix_spawnp(command[0], command, os.environ)
    _, status, usage = os.wait4(pid, 0)
    wall = time.perf_counter() - started

    measured = {
        "wall": wall,
        "cpu": usage.ru_utime + usage.ru_stime,
        "peak_bytes": usage.ru_maxrss * 1024,  # Linux reports kilobytes
    }
    with open(report, "w") as stream:
        json.dump(measured, stream)
    return os.waitstatus_to_exitcode(status)


if __name__ == "__main__":
    sys.exit(main())
