#!/usr/bin/env bash
# The engine's GEMM (JMH, Vector API and scalar kernels) against torch.mm on OpenBLAS, on 1 and 2 threads,
# in one run on this machine, as one table of GFLOP/s and ratios. Nothing else may run meanwhile.
#   benchmarks/peers/gemm.sh            (needs Debian's python3-torch and libopenblas0-pthread)
#   GEMM_JVM_ARGS=-XX:UseAVX=2 GEMM_KERNELS=vector benchmarks/peers/gemm.sh
#       the engine's 256-bit (AVX2) path on an AVX-512 machine, its vector kernel alone
#   GEMM_ROUNDS=3 benchmarks/peers/gemm.sh
#       rounds of engine-then-OpenBLAS, interleaved (default 2): a shared VM's speed drifts by up to 2x
#       over minutes, so each ratio is taken within one round and the table gives their median and range
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
rounds="${GEMM_ROUNDS:-2}"
echo "benchmarks: building vaelab and the benchmark jar ..." >&2
(cd "$(dirname "$bench")" && mvn -B -q -Dstyle.color=never -DskipTests install) >&2
(cd "$bench" && mvn -B -q -Dstyle.color=never package) >&2
for r in $(seq 1 "$rounds"); do
  for t in 1 2; do
    # --add-modules on the JMH host: a -jvmArgsAppend given here replaces the one in @Fork, and the
    # forks take the host's own options, so this is what puts the Vector API in them.
    java --add-modules jdk.incubator.vector -jar "$bench/target/benchmarks.jar" "${kernels[@]}" \
      -jvmArgsAppend "-Dvaelab.threads=$t $jvm_args" -rf json -rff "$out/vaelab-$t-$r.json" >&2
    OPENBLAS_NUM_THREADS=$t OMP_NUM_THREADS=$t /usr/bin/python3 "$here/gemm.py" $t > "$out/torch-$t-$r.json"
  done
done
/usr/bin/python3 - "$out" "$jvm_args" "$rounds" <<'PY'
import json, sys, os, statistics
d = sys.argv[1]
rounds = int(sys.argv[3])
torch = [{} for _ in range(rounds)]
for r in range(rounds):
    for t in ("1", "2"):
        torch[r].update(json.load(open(os.path.join(d, f"torch-{t}-{r + 1}.json"))))
def dims(s):
    p = [int(x) for x in s.split("x")]
    return (p[0], p[0], p[0]) if len(p) == 1 else tuple(p)
def ms(e):
    u = e["primaryMetric"]["scoreUnit"]
    return e["primaryMetric"]["score"] * {"ms/op": 1.0, "us/op": 1e-3, "ns/op": 1e-6, "s/op": 1e3}[u]
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
flags = open("/proc/cpuinfo").read()
width = "AVX-512" if "avx512f" in flags else "AVX2" if "avx2" in flags else "SSE"
print(f"Machine: {os.cpu_count()} cores, {cpu} ({width}); torch {torch[0]['torch']}, {torch[0]['blas']}")
if sys.argv[2]:
    print(f"vaelab's JVM options: {sys.argv[2]}")
if rounds > 1:
    print(f"{rounds} rounds, engine then OpenBLAS in each: GFLOP/s are medians over the rounds; a ratio is the")
    print("median of the rounds' own ratios, with their range in brackets.")
print("'best' compares like with like: JMH's fastest iteration against gemm.py's fastest of five (JMH's")
print("score, used in the other columns, is the mean of its iterations).")
print()
print("| M×K×N | threads | vaelab vector | vaelab scalar | torch.mm (OpenBLAS) | vector / OpenBLAS | scalar / OpenBLAS | vector / OpenBLAS, best |")
print("|---|---|---|---|---|---|---|---|")
def ratio(xs):
    if not xs:
        return "—"
    text = f"{statistics.median(xs):.2f}×"
    return text if len(xs) == 1 else f"{text} ({min(xs):.2f}–{max(xs):.2f})"
def rate(xs):
    return "—" if not xs else f"{statistics.median(xs):.1f}"
for t in ("1", "2"):
    rows = {}
    for r in range(rounds):
        for e in json.load(open(os.path.join(d, f"vaelab-{t}-{r + 1}.json"))):
            shape = e["params"]["shape"]
            m, k, n = dims(shape)
            kernel = e["benchmark"].rsplit(".", 1)[1]
            rows.setdefault(shape, {}).setdefault(kernel, {})[r] = 2 * m * k * n / (ms(e) * 1e-3) / 1e9
            fastest = min(min(fork) for fork in e["primaryMetric"]["rawData"]) * ms(e) / e["primaryMetric"]["score"]
            rows[shape].setdefault(kernel + " best", {})[r] = 2 * m * k * n / (fastest * 1e-3) / 1e9
    for shape in ["128", "256", "512", "1024", "128x784x400", "128x400x784"]:
        peer = [torch[r][t][shape] for r in range(rounds)]
        v = rows[shape].get("vector", {})
        s = rows[shape].get("scalar", {})
        vb = rows[shape].get("vector best", {})
        name = shape if "x" in shape else f"{shape}×{shape}×{shape}"
        print(f"| {name.replace('x', '×')} | {t} | {rate(list(v.values()))} | {rate(list(s.values()))} | {rate(peer)}"
              f" | {ratio([x / peer[r] for r, x in v.items()])} | {ratio([x / peer[r] for r, x in s.items()])}"
              f" | {ratio([x / peer[r] for r, x in vb.items()])} |")
PY
