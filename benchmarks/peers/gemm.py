#!/usr/bin/python3
"""torch.mm (float32, on Debian's OpenBLAS) at the shapes of GemmBenchmark, on the threads given.

    OPENBLAS_NUM_THREADS=1 /usr/bin/python3 benchmarks/peers/gemm.py 1   # one JSON object: {"1": {"512": GFLOP/s, ...}}

Debian's torch calls the system BLAS (OpenBLAS with libopenblas0-pthread), whose thread count comes
from OPENBLAS_NUM_THREADS when the library loads, not from torch.set_num_threads: set both.

Each shape is timed as JMH times the engine: warm-up, then the mean of repeated products over about
a second, the best of five such measurements (JMH reports a mean over its iterations; the best of
five is the kinder reading of the peer).
"""
import json
import sys
import time

import torch

SHAPES = ["128", "256", "512", "1024", "128x784x400", "128x400x784"]


def dims(shape):
    p = [int(x) for x in shape.split("x")]
    return (p[0], p[0], p[0]) if len(p) == 1 else tuple(p)


def gflops(m, k, n):
    g = torch.Generator().manual_seed(42)
    a = torch.randn(m, k, generator=g)
    b = torch.randn(k, n, generator=g)
    c = torch.empty(m, n)
    for _ in range(20):
        torch.mm(a, b, out=c)
    best = float("inf")
    for _ in range(5):
        reps = 0
        start = time.perf_counter()
        while True:
            torch.mm(a, b, out=c)
            reps += 1
            elapsed = time.perf_counter() - start
            if elapsed > 1.0:
                break
        best = min(best, elapsed / reps)
    return 2.0 * m * k * n / best / 1e9


def main():
    threads = int(sys.argv[1]) if len(sys.argv) > 1 else 1
    torch.set_num_threads(threads)
    out = {str(threads): {s: round(gflops(*dims(s)), 1) for s in SHAPES}}
    out["torch"] = torch.__version__
    out["blas"] = "OpenBLAS" if "openblas" in open("/proc/self/maps").read() else "another BLAS"
    json.dump(out, sys.stdout)
    print()


if __name__ == "__main__":
    main()
