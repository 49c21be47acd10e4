#!/usr/bin/env bash
# The engine's GEMM (JMH, Vector API and scalar kernels) against torch.mm on OpenBLAS, on 1 and 2 threads,
# in one run on this machine, as one table of GFLOP/s and ratios. Nothing else may run meanwhile.
#   benchmarks/peers/gemm.sh            (needs Debian's python3-torch and libopenblas0-pthread)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
bench="$(dirname "$here")"
out="$(mktemp -d)"
if ! /usr/bin/python3 -c 'import torch' 2>/dev/null || ! dpkg -s libopenblas0-pthread >/dev/null 2>&1; then
  echo "installing python3-torch and libopenblas0-pthread (Debian packages) ..." >&2
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-torch libopenblas0-pthread >&2
fi
for t in 1 2; do
  "$bench/run.sh" GemmBenchmark.vector GemmBenchmark.scalar -jvmArgsAppend "-Dvaelab.threads=$t" \
    -rf json -rff "$out/vaelab-$t.json" >&2
done
for t in 1 2; do
  OPENBLAS_NUM_THREADS=$t OMP_NUM_THREADS=$t /usr/bin/python3 "$here/gemm.py" $t > "$out/torch-$t.json"
done
/usr/bin/python3 - "$out" <<'PY'
import json, sys, os
d = sys.argv[1]
torch = {}
for t in ("1", "2"):
    torch.update(json.load(open(os.path.join(d, f"torch-{t}.json"))))
def dims(s):
    p = [int(x) for x in s.split("x")]
    return (p[0], p[0], p[0]) if len(p) == 1 else tuple(p)
def ms(e):
    u = e["primaryMetric"]["scoreUnit"]
    return e["primaryMetric"]["score"] * {"ms/op": 1.0, "us/op": 1e-3, "ns/op": 1e-6, "s/op": 1e3}[u]
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
flags = open("/proc/cpuinfo").read()
width = "AVX-512" if "avx512f" in flags else "AVX2" if "avx2" in flags else "SSE"
print(f"Machine: {os.cpu_count()} cores, {cpu} ({width}); torch {torch['torch']}, {torch['blas']}")
print()
print("| M×K×N | threads | vaelab vector | vaelab scalar | torch.mm (OpenBLAS) | vector / OpenBLAS | scalar / OpenBLAS |")
print("|---|---|---|---|---|---|---|")
for t in ("1", "2"):
    rows = {}
    for e in json.load(open(os.path.join(d, f"vaelab-{t}.json"))):
        shape = e["params"]["shape"]
        m, k, n = dims(shape)
        rows.setdefault(shape, {})[e["benchmark"].rsplit(".", 1)[1]] = 2 * m * k * n / (ms(e) * 1e-3) / 1e9
    for shape in ["128", "256", "512", "1024", "128x784x400", "128x400x784"]:
        v, s, p = rows[shape]["vector"], rows[shape]["scalar"], torch[t][shape]
        name = shape if "x" in shape else f"{shape}×{shape}×{shape}"
        print(f"| {name.replace('x', '×')} | {t} | {v:.1f} | {s:.1f} | {p:.1f} | {v / p:.2f}× | {s / p:.2f}× |")
PY
