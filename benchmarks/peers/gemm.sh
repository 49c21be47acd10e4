#!/usr/bin/env bash
# The engine's GEMM (JMH, Vector API and scalar kernels) against torch.mm on OpenBLAS, on 1 and 2 threads,
# in one run on this machine, as one table of GFLOP/s and ratios. Nothing else may run meanwhile.
#   benchmarks/peers/gemm.sh            (needs Debian's python3-torch and libopenblas0-pthread)
#   GEMM_JVM_ARGS=-XX:UseAVX=2 GEMM_KERNELS=vector benchmarks/peers/gemm.sh
#       the engine's 256-bit (AVX2) path on an AVX-512 machine, its vector kernel alone
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
bench="$(dirname "$here")"
out="$(mktemp -d)"
if ! /usr/bin/python3 -c 'import torch' 2>/dev/null || ! dpkg -s libopenblas0-pthread >/dev/null 2>&1; then
  echo "installing python3-torch and libopenblas0-pthread (Debian packages) ..." >&2
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-torch libopenblas0-pthread >&2
fi
jvm_args="${GEMM_JVM_ARGS:-}"
kernels=()
for k in ${GEMM_KERNELS:-vector scalar}; do kernels+=("GemmBenchmark.$k\$"); done
for t in 1 2; do
  "$bench/run.sh" "${kernels[@]}" -jvmArgsAppend "-Dvaelab.threads=$t $jvm_args" \
    -rf json -rff "$out/vaelab-$t.json" >&2
done
for t in 1 2; do
  OPENBLAS_NUM_THREADS=$t OMP_NUM_THREADS=$t /usr/bin/python3 "$here/gemm.py" $t > "$out/torch-$t.json"
done
/usr/bin/python3 - "$out" "$jvm_args" <<'PY'
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
if sys.argv[2]:
    print(f"vaelab's JVM options: {sys.argv[2]}")
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
        r, p = rows[shape], torch[t][shape]
        v, s = r.get("vector"), r.get("scalar")
        name = shape if "x" in shape else f"{shape}×{shape}×{shape}"
        cell = lambda x, f: "—" if x is None else f(x)
        print(f"| {name.replace('x', '×')} | {t} | {cell(v, lambda x: f'{x:.1f}')} | {cell(s, lambda x: f'{x:.1f}')} | {p:.1f}"
              f" | {cell(v, lambda x: f'{x / p:.2f}×')} | {cell(s, lambda x: f'{x / p:.2f}×')} |")
PY
