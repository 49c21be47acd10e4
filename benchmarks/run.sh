#!/usr/bin/env bash
# Builds vaelab and the JMH benchmarks, then runs JMH with the arguments given, e.g.
#   benchmarks/run.sh GemmBenchmark -p shape=512
#   benchmarks/run.sh -rf json -rff benchmarks/results.json      (then benchmarks/table.py)
# Every benchmark forks with the Vector API module, so the vector path is measured too.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
echo "benchmarks: building vaelab and the benchmark jar ..." >&2
(cd "$root" && mvn -B -q -Dstyle.color=never -DskipTests install) >&2
(cd "$here" && mvn -B -q -Dstyle.color=never package) >&2
exec java --add-modules jdk.incubator.vector -jar "$here/target/benchmarks.jar" "$@"
