#!/usr/bin/python3
# tracker_peer.py — the Python side of the YAML and tracker interop tests
#
# Copyright 2026 The Ataraxis Monitor authors
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Reads and writes YAML exactly as ataraxis-data-structures does (PyYAML's CSafeLoader to read,
# CDumper with the library's options to write) and does the tracker's read-modify-write under
# python3-filelock's lock on "<file>.lock", so the C side is checked against the real thing.
#
#   dump FILE                  print the document as JSON (ints beyond 2^63 as strings)
#   rewrite SRC DST            load SRC and write it to DST as the Python library would
#   write DST                  write the JSON document read from stdin (same string rule)
#   worker FILE EXECUTOR ID…   print "ready", wait for a line, then start and complete (or fail
#                              every tenth, with "EXECUTOR: job N failed") each job; print
#                              "done TIMEOUTS"

import json
import os
import sys
import tempfile
import time

import yaml
from filelock import FileLock, Timeout

DUMP_OPTIONS = dict(
    default_style="",
    default_flow_style=False,
    indent=10,
    width=200,
    explicit_start=True,
    explicit_end=True,
    sort_keys=False,
)


def load(path):
    with open(path, encoding="utf-8") as stream:
        return yaml.load(stream, Loader=yaml.CSafeLoader)


def save(path, data):
    # The library's atomic write: a temporary file beside the target, fsync, replace.
    folder = os.path.dirname(os.path.abspath(path))
    fd, tmp = tempfile.mkstemp(prefix="." + os.path.basename(path) + ".", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as stream:
            yaml.dump(data, stream, Dumper=yaml.CDumper, **DUMP_OPTIONS)
            stream.flush()
            # As the C helpers: the stress tests check the lock, not the disk.
            if not os.environ.get("AXDS_TRACKER_NO_SYNC"):
                os.fsync(stream.fileno())
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def to_json(value):
    if isinstance(value, dict):
        return {str(k): to_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [to_json(v) for v in value]
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) >= 2**63:
        return str(value)
    return value


def from_json(value, key=None):
    if isinstance(value, dict):
        return {k: from_json(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [from_json(v) for v in value]
    if isinstance(value, str) and key in ("started_at", "completed_at") and value.isdigit():
        return int(value)
    return value


def now_us():
    return time.time_ns() // 1000


def transition(path, job_id, change):
    """One read-modify-write under the lock; returns the number of lock timeouts it met."""
    timeouts = 0
    while True:
        try:
            with FileLock(path + ".lock").acquire(timeout=10.0):
                data = load(path)
                change(data["jobs"][job_id])
                save(path, data)
                return timeouts
        except Timeout:
            timeouts += 1


def worker(path, executor, ids):
    print("ready", flush=True)
    sys.stdin.readline()
    timeouts = 0
    for n, job_id in enumerate(ids):

        def start(job):
            job["status"] = 1
            job["executor_id"] = executor
            job["started_at"] = now_us()

        def finish(job, n=n):
            if n % 10 == 9:
                job["status"] = 3
                job["error_message"] = f"{executor}: job {n} failed"
            else:
                job["status"] = 2
            job["completed_at"] = now_us()

        timeouts += transition(path, job_id, start)
        timeouts += transition(path, job_id, finish)
    print(f"done {timeouts}", flush=True)


def main(argv):
    command = argv[1]
    if command == "dump":
        json.dump(to_json(load(argv[2])), sys.stdout, ensure_ascii=True)
    elif command == "rewrite":
        save(argv[3], load(argv[2]))
    elif command == "write":
        save(argv[2], from_json(json.load(sys.stdin)))
    elif command == "worker":
        worker(argv[2], argv[3], argv[4:])
    else:
        sys.exit(f"unknown command {command}")


if __name__ == "__main__":
    main(sys.argv)
