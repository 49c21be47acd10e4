#!/usr/bin/env bash
# Trains the discrete model's prior (same transformer, sequence layout, loss, AdamW, warm-up and
# cosine, batch 64) for one epoch with PyTorch and with vaelab, on the same sequences: the captions
# and discrete-VAE codes of 20,000 training and 2,000 test scenes, exported from MODEL. Prints both
# throughputs and test losses. PyTorch runs on OpenBLAS (Debian's libopenblas0-pthread).
#
#   benchmarks/peers/prior.sh [MODEL] [THREADS] [TRAIN] [TEST]
#   (defaults: data/models/scenes-discrete.vae, 2 threads, 20,000 training and 2,000 test sequences)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
model="${1:-$root/data/models/scenes-discrete.vae}"
threads="${2:-2}"
train="${3:-20000}"
test="${4:-2000}"
out="$root/out/peers/prior"
mkdir -p "$out"
if ! /usr/bin/python3 -c 'import torch, numpy' 2>/dev/null || ! dpkg -s libopenblas0-pthread >/dev/null 2>&1; then
  echo "installing python3-torch and libopenblas0-pthread (Debian packages) ..." >&2
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-torch python3-numpy libopenblas0-pthread >&2
fi
(cd "$root" && mvn -B -q -Dstyle.color=never -DskipTests install) >&2
(cd "$here/.." && mvn -B -q -Dstyle.color=never package) >&2
run() { java --add-modules jdk.incubator.vector -cp "$here/../target/benchmarks.jar" vaelab.bench.PriorPeer "$@" 2> >(grep -v 'incubator' >&2); }
data="$out/sequences-$train-$test.bin"
[[ -f "$data" && "$data" -nt "$model" ]] || run export "$model" "$data" "$train" "$test"
echo "== PyTorch (1 epoch, $threads threads)" >&2
/usr/bin/python3 "$here/prior.py" --data "$data" --threads "$threads" | tee "$out/torch.log" >&2
echo "== vaelab (1 epoch, $threads threads)" >&2
run train "$model" "$data" "$threads" | tee "$out/vaelab.log" >&2
/usr/bin/python3 - "$out/torch.log" "$out/vaelab.log" <<'PY'
import re, sys
def last(path):
    for line in open(path):
        m = re.search(r"sequences_per_second ([\d.]+) test_text_nll ([\d.]+) test_image_nll ([\d.]+) test_caption_nll ([\d.]+)", line)
        if m:
            return [float(g) for g in m.groups()]
t, v = last(sys.argv[1]), last(sys.argv[2])
print("| after one epoch | PyTorch | vaelab | vaelab / PyTorch |")
print("|---|---|---|---|")
for name, i in (("sequences/s", 0), ("test nats per code", 2), ("test nats per caption token", 1), ("test nats per caption token, after the codes", 3)):
    print(f"| {name} | {t[i]:.4f} | {v[i]:.4f} | {v[i] / t[i]:.3f} |")
PY
