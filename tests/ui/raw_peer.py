#!/usr/bin/python3
# raw_peer.py — the Python side of the monitor's raw-attach test
#
# Copyright 2026 The Ataraxis Monitor authors
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Makes a buffer as a SharedMemoryArray user would (multiprocessing.shared_memory with a NumPy
# float64 array of shape (4,) over it, no libaxds header), then follows stdin:
#   -> "ready"           once NAME holds [1.5, 2.5, 3.5, 4.5]
#   <- "set I V"         arr[I] = V, answered with "ok"
#   <- "done" or EOF     unlink and exit
import sys
from multiprocessing import shared_memory

import numpy as np

name = sys.argv[1]
shm = shared_memory.SharedMemory(name=name, create=True, size=4 * 8)
try:
    arr = np.ndarray((4,), dtype=np.float64, buffer=shm.buf)
    arr[:] = [1.5, 2.5, 3.5, 4.5]
    print("ready", flush=True)
    for line in sys.stdin:
        words = line.split()
        if not words or words[0] == "done":
            break
        if words[0] == "set":
            arr[int(words[1])] = float(words[2])
            print("ok", flush=True)
finally:
    del arr
    shm.close()
    shm.unlink()
