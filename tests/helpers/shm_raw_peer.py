#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
# The NumPy side of the raw-attach test, written as a user of SharedMemoryArray would: a buffer
# from multiprocessing.shared_memory with a NumPy array over it, no libaxds header.
# Protocol on stdin/stdout, one line each step:
#   -> "ready"             after creating NAME as float64 (4, 5) filled with arange(20)
#   <- "check"             the C side wrote 42.5 at [1, 2]
#   -> "ok" | "bad ..."    after checking, and writing -7.25 at [3, 4]
#   <- "done"              unlink and exit
import sys
from multiprocessing import shared_memory

import numpy as np

name = sys.argv[1]
shm = shared_memory.SharedMemory(name=name, create=True, size=20 * 8)
try:
    arr = np.ndarray((4, 5), dtype=np.float64, buffer=shm.buf)
    arr[:] = np.arange(20, dtype=np.float64).reshape(4, 5)
    print("ready", flush=True)
    if sys.stdin.readline().strip() != "check":
        sys.exit(3)
    if arr[1, 2] == 42.5 and arr[0, 0] == 0.0 and arr[3, 3] == 18.0:
        arr[3, 4] = -7.25
        print("ok", flush=True)
    else:
        print("bad %r" % arr.tolist(), flush=True)
    sys.stdin.readline()
finally:
    del arr
    shm.close()
    shm.unlink()
