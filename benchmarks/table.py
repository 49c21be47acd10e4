#!/usr/bin/env python3
"""Turns JMH's JSON results into the Markdown tables of benchmarks/README.md.

    benchmarks/run.sh -rf json -rff benchmarks/results.json
    python3 benchmarks/table.py benchmarks/results.json            # prints the tables
    python3 benchmarks/table.py benchmarks/results.json --update   # rewrites them in README.md

GEMM rows give GFLOP/s = 2·M·K·N / time and the ratio to EJML's faster variant in the same run.
"""
import json
import os
import platform
import re
import subprocess
import sys


def cpu_name():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def gemm_dims(shape):
    parts = [int(p) for p in shape.split("x")]
    return (parts[0], parts[0], parts[0]) if len(parts) == 1 else tuple(parts)


def ms(entry):
    score = entry["primaryMetric"]["score"]
    unit = entry["primaryMetric"]["scoreUnit"]
    return score * {"ms/op": 1.0, "us/op": 1e-3, "ns/op": 1e-6, "s/op": 1e3}[unit]


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    results = json.load(open(sys.argv[1]))
    jdk = results[0]["jdkVersion"] + " (" + results[0]["vmName"] + ")" if results else "?"
    lines = [f"Machine: {os.cpu_count()} cores, {cpu_name()}; JDK {jdk}; "
             f"JMH {results[0]['jmhVersion'] if results else '?'}, forks 1, warm-up 3×1 s, measurement 5×1 s.", ""]

    gemm = {}
    for r in results:
        if r["benchmark"].endswith(("GemmBenchmark.scalar", "GemmBenchmark.vector", "GemmBenchmark.ejml",
                                    "GemmBenchmark.ejmlConcurrent")):
            method = r["benchmark"].rsplit(".", 1)[1]
            gemm.setdefault(r["params"]["shape"], {})[method] = r
    if gemm:
        lines += ["### GEMM, C = A·B (GFLOP/s; × = ratio to EJML's faster variant)", "",
                  "| M×K×N | vaelab vector | vaelab scalar | EJML | EJML concurrent |", "|---|---|---|---|---|"]
        def order(s):
            m, k, n = gemm_dims(s)
            return (len(s.split("x")), m * k * n)
        for shape in sorted(gemm, key=order):
            m, k, n = gemm_dims(shape)
            flops = 2.0 * m * k * n
            g = {meth: flops / (ms(e) * 1e-3) / 1e9 for meth, e in gemm[shape].items()}
            best_ejml = max(g.get("ejml", 0), g.get("ejmlConcurrent", 0)) or float("nan")
            def cell(meth, ratio=True):
                if meth not in g:
                    return "–"
                return f"{g[meth]:.1f} ({g[meth] / best_ejml:.1f}×)" if ratio else f"{g[meth]:.1f}"
            lines.append(f"| {m}×{k}×{n} | {cell('vector')} | {cell('scalar')} | {cell('ejml', False)} | "
                         f"{cell('ejmlConcurrent', False)} |")
        lines.append("")

    conv = [r for r in results if "ConvBenchmark" in r["benchmark"]]
    if conv:
        flops = 3.0 * 2 * (128 * 8 * 8) * 64 * (32 * 4 * 4)
        lines += ["### Convolution forward + backward, batch 128, 32 ↔ 64 channels, 16×16 ↔ 8×8, 4×4, stride 2",
                  "", "| op | path | ms | effective GFLOP/s |", "|---|---|---|---|"]
        for r in sorted(conv, key=lambda r: (r["benchmark"], r["params"]["path"])):
            t = ms(r)
            lines.append(f"| {r['benchmark'].rsplit('.', 1)[1]} | {r['params']['path']} | {t:.2f} | {flops / (t * 1e-3) / 1e9:.1f} |")
        lines.append("")

    other = [r for r in results if "GemmBenchmark" not in r["benchmark"] and "ConvBenchmark" not in r["benchmark"]]
    if other:
        lines += ["### Other", "", "| benchmark | params | ms/op |", "|---|---|---|"]
        for r in other:
            lines.append(f"| {r['benchmark'].rsplit('.', 2)[-2]}.{r['benchmark'].rsplit('.', 1)[1]} | "
                         f"{', '.join(f'{k}={v}' for k, v in (r.get('params') or {}).items())} | {ms(r):.2f} |")
        lines.append("")

    table = "\n".join(lines)
    if "--update" in sys.argv:
        readme = os.path.join(os.path.dirname(os.path.abspath(__file__)), "README.md")
        text = open(readme).read()
        new = re.sub(r"(<!-- results:start -->\n).*?(<!-- results:end -->)", lambda m: m.group(1) + table + "\n" + m.group(2),
                     text, flags=re.S)
        open(readme, "w").write(new)
        print(f"updated {readme}")
    else:
        print(table)


if __name__ == "__main__":
    main()
