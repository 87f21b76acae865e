#!/usr/bin/python3
# make-corpus.py — regenerates the seed corpora of the fuzz harnesses (tests/fuzz/corpus/)
#
# Copyright 2026 The Ataraxis Monitor authors
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Real files, as the programs the harnesses read from write them: numpy.save / savez /
# savez_compressed (python3-numpy), trackers and configs dumped by PyYAML's CDumper with the
# Python library's options, the reference vectors of tests/data, and a few inputs by hand for what
# those do not cover (a ZIP64 archive, shared-array headers, command lines). Run from anywhere:
#   /usr/bin/python3 tests/fuzz/make-corpus.py [VECTORS_DIR]
# Files are named by content hash, so rerunning adds nothing that is already there.

import hashlib
import io
import os
import shutil
import struct
import sys
import zipfile

import numpy as np
import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = os.path.join(HERE, "corpus")
VECTORS = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "..", "data")
DUMP = dict(default_style="", default_flow_style=False, indent=10, width=200,
            explicit_start=True, explicit_end=True, sort_keys=False)


def put(harness, data):
    if isinstance(data, str):
        data = data.encode("utf-8")
    folder = os.path.join(CORPUS, harness)
    os.makedirs(folder, exist_ok=True)
    name = hashlib.sha1(data).hexdigest()[:16]
    with open(os.path.join(folder, name), "wb") as f:
        f.write(data)


def npy_bytes(array, version=None):
    out = io.BytesIO()
    if version is None:
        np.save(out, array, allow_pickle=False)
    else:
        np.lib.format.write_array(out, array, version=version, allow_pickle=False)
    return out.getvalue()


def entry(source, elapsed, payload):
    return np.frombuffer(bytes([source]) + struct.pack("<Q", elapsed) + payload, dtype=np.uint8)


def log_archive(compressed):
    members = {"001_00000000000000000000": entry(1, 0, struct.pack("<Q", 1700000000000000))}
    for i, t in enumerate((5, 17, 1000)):
        members["001_%020d" % t] = entry(1, t, bytes(range(i * 3)))
    out = io.BytesIO()
    (np.savez_compressed if compressed else np.savez)(out, **members)
    return out.getvalue()


def zip64_archive():
    # Python's zipfile forced to ZIP64 for the central directory too, as numpy writes big ones.
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED, allowZip64=True) as z:
        for key, arr in (("001_00000000000000000000", entry(1, 0, struct.pack("<Q", 7))),
                         ("001_00000000000000000009", entry(1, 9, b"abc"))):
            with z.open(key + ".npy", "w", force_zip64=True) as f:
                f.write(npy_bytes(arr))
    data = bytearray(out.getvalue())
    # Append ZIP64 end records so that the reader's ZIP64 path is seeded as well.
    eocd = data.rfind(b"PK\x05\x06")
    count, cd_size, cd_offset = struct.unpack("<HII", data[eocd + 10:eocd + 20])
    end64 = struct.pack("<IQHHIIQQQQ", 0x06064b50, 44, 45, 45, 0, 0, count, count, cd_size,
                        cd_offset)
    loc = struct.pack("<IIQI", 0x07064b50, 0, eocd, 1)
    eocd_rec = struct.pack("<IHHHHIIH", 0x06054b50, 0, 0, 0xffff, 0xffff, 0xffffffff,
                           0xffffffff, 0)
    return bytes(data[:eocd]) + end64 + loc + eocd_rec


def shm_segment(dtype, shape, fill=0):
    dt = np.dtype(dtype)
    n = int(np.prod(shape))
    head = bytearray(256)
    head[0:8] = b"AXDSARR\x01"
    struct.pack_into("<II", head, 8, 1, 256)
    head[16:16 + len(dt.str)] = dt.str.encode()
    struct.pack_into("<I", head, 24, len(shape))
    for i, d in enumerate(shape):
        struct.pack_into("<Q", head, 32 + 8 * i, d)
    struct.pack_into("<QqQq", head, 96, n * dt.itemsize, 4242, 123456, 1700000000000000)
    data = (np.arange(n) + fill).astype(dt).tobytes()
    return bytes(head) + data


def main():
    if os.path.isdir(CORPUS):
        shutil.rmtree(CORPUS)

    # .npy: dtypes, shapes, orders and format versions numpy writes.
    for dtype in ("u1", "i1", "?", "<i2", "<u2", "<i4", "<u4", "<i8", "<u8", "<f4", "<f8",
                  "<c8", "<c16", ">f8", "<U3", "<M8[s]"):
        put("npy", npy_bytes(np.zeros(3, dtype=dtype)))
    for shape in ((), (0,), (1,), (2, 3), (2, 1, 3), (1,) * 8):
        put("npy", npy_bytes(np.arange(int(np.prod(shape)), dtype="<f8").reshape(shape)))
    put("npy", npy_bytes(np.asfortranarray(np.arange(6, dtype="<i4").reshape(2, 3))))
    put("npy", npy_bytes(np.arange(4, dtype="u1"), version=(2, 0)))
    put("npy", npy_bytes(np.arange(4, dtype="u1"), version=(3, 0)))
    put("npy", npy_bytes(np.zeros(2, dtype=[("a", "<i4"), ("b", "<f8")])))
    put("npy", npy_bytes(entry(2, 5, b"hello")))
    for name in sorted(os.listdir(os.path.join(VECTORS, "npy"))):
        if name.endswith(".npy") and os.path.getsize(os.path.join(VECTORS, "npy", name)) < 4096:
            put("npy", open(os.path.join(VECTORS, "npy", name), "rb").read())
    entries = os.path.join(VECTORS, "npz", "entries")
    for name in sorted(os.listdir(entries)):
        put("npy", open(os.path.join(entries, name), "rb").read())

    # Zip / .npz: stored, deflated, ZIP64, numpy's own savez of several arrays, the vector.
    put("zip", log_archive(False))
    put("zip", log_archive(True))
    put("zip", zip64_archive())
    out = io.BytesIO()
    np.savez(out, a=np.arange(3), b=np.zeros((2, 2)))
    put("zip", out.getvalue())
    out = io.BytesIO()
    np.savez_compressed(out, x=np.ones(300, dtype="u1"))
    put("zip", out.getvalue())
    put("zip", open(os.path.join(VECTORS, "npz", "1_log.npz"), "rb").read())

    # Trackers: the vectors, and trackers dumped by PyYAML as the Python library does.
    for name in sorted(os.listdir(os.path.join(VECTORS, "tracker"))):
        if name.endswith(".yaml"):
            put("tracker", open(os.path.join(VECTORS, "tracker", name), "rb").read())
    job = lambda name, spec, status, ex=None, err=None, s=None, c=None: {
        "job_name": name, "specifier": spec, "status": status, "executor_id": ex,
        "error_message": err, "started_at": s, "completed_at": c}
    trackers = [
        {"jobs": {"0123456789abcdef": job("a", "", 0)}},
        {"jobs": {"fedcba9876543210": job("b: c", "x'y", 3, "pid:1", "line1\nline2 \u00e9", 1, 2),
                  "1111111111111111": job("yes", "null", 2, "slurm:9", None, 2**64 - 1, 0)}},
        {"jobs": {"2222222222222222": job(" lead", "\t", 1, "#x", None, 5, None)}},
    ]
    for t in trackers:
        put("tracker", yaml.dump(t, Dumper=yaml.CDumper, **DUMP))

    # YAML configs of the test suite's configuration class (tests/common/test-config-types.h).
    configs = [
        {"name": "session: 42", "enabled": False, "count": -7, "big": 2**64 - 1,
         "offset": -2**63, "ratio": 2 / 3, "gain": 0.1, "note": None, "mode": 5,
         "output": "/data/run 1/out", "nested": {"rate": 0.1, "label": "null", "count": 7},
         "tags": ["alpha", "yes", "", "caf\u00e9", "multi\nline"], "channels": [1, 2, -3],
         "limits": {"low": -1.5, "high": 1e17, "tiny": 1e-5}, "maybe_threshold": None,
         "frame_rate": 59.94},
        {"name": "x", "nested": None, "tags": None, "maybe_threshold": 0.5},
        {"name": "", "count": 1000, "gain": -100.0, "mode": 1, "channels": [],
         "limits": {}, "unknown_key": [1, {"a": None}]},
    ]
    for c in configs:
        put("yaml-config", yaml.dump(c, Dumper=yaml.CDumper, **DUMP))
    put("yaml-config", "name: &a x\nnote: *a\ncount: 0x10\nratio: .inf\nenabled: yes\n")

    # Shared-array segments: every dtype, several shapes; and a headerless buffer.
    for dtype, shape in (("<f8", (3, 4)), ("|u1", (5,)), ("<c16", (2, 2)), ("|b1", (4,)),
                         ("<i2", (2, 1, 3)), ("<u8", (1,) * 8), ("<f4", (7,)), ("|i1", (2,)),
                         ("<i4", (3,)), ("<i8", (2,)), ("<u2", (2,)), ("<u4", (2,)),
                         ("<c8", (1,))):
        put("shm-header", shm_segment(dtype, shape))
    put("shm-header", bytes(range(64)))

    # dtype/shape/index/value strings: "DTYPE\0SHAPE\0INDEX-OR-VALUE" and single strings.
    for s in ("<f8\0" "3,4\0" "-1,2", "|u1\0" "(5,)\0" "255", "<c16\0" "2x2\0" "(1.5-2j)",
              "float32\0" "[2, 3]\0" "3.4028235e38", "?\0" "1\0" "true", "<i8\0" "8\0" "-0x10",
              "=u2\0" "2,\0" "nan", "|b1\0" "1,1,1,1,1,1,1,1\0" "0", "d\0" "9223372036854775807\0"
              "1e-320", "complex64\0" "1\0" "inf-infj", "<u8\0" "2,2\0" "18446744073709551615",
              ">f8", "<U4", "(3,)", "-2,-1", "1.0000000000000002"):
        put("dtype", s)

    # Command lines: a command byte (0 show, 1 set, 2 list, 3 tracker id, 4 tracker show)
    # then NUL-separated arguments.
    for cmd in (b"\x00f8", b"\x00--json\0c16", b"\x00--max-values\0" b"3\0big",
                b"\x00--raw\0--dtype\0<u2\0--shape\0" b"4,8\0raw",
                b"\x01f8\0" b"1,-1\0" b"2.5", b"\x01c16\0" b"0\0" b"1-2j", b"\x01b1\0-1\0true",
                b"\x01--raw\0--dtype\0|u1\0--shape\0" b"64\0raw\0" b"3\0" b"255",
                b"\x01i2\0" b"1,2\0-7", b"\x01/u1\0" b"4\0" b"0x10", b"\x02", b"\x02--json",
                b"\x03acquire", b"\x03process\0session_1", b"\x03a:b", b"\x04jobs.yaml",
                b"\x04--json\0jobs.yaml", b"\x01f8\0--\0-1\0-inf"):
        put("cli", cmd)


main()
