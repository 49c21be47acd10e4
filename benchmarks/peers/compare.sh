#!/usr/bin/env bash
# Trains the same VAE (Adam 1e-3, batch 128, seed 1, BCE + KL) with PyTorch and with vaelab on this
# machine, one after the other, and prints a table: test -ELBO per image after each epoch and
# training images/s for both. PyTorch runs on OpenBLAS (Debian's libopenblas0-pthread), and the
# script prints which BLAS library it loaded.
#
#   benchmarks/peers/compare.sh [EPOCHS] [THREADS] [vae-mlp|vae-conv]   (default 10 epochs, 2 threads, vae-mlp)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
epochs="${1:-10}"
threads="${2:-2}"
model="${3:-vae-mlp}"
case "$model" in
  vae-mlp) script="$here/vae_mlp.py" ;;
  vae-conv) script="$here/vae_conv.py" ;;
  *) echo "compare.sh: the model must be vae-mlp or vae-conv, not '$model'" >&2; exit 2 ;;
esac
out="$root/out/peers/$model"
mkdir -p "$out"

if ! /usr/bin/python3 -c 'import torch, numpy' 2>/dev/null || ! dpkg -s libopenblas0-pthread >/dev/null 2>&1; then
  echo "installing python3-torch and libopenblas0-pthread (Debian packages) ..." >&2
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-torch python3-numpy libopenblas0-pthread >&2
fi
[[ -f /usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz ]] || \
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq dataset-fashion-mnist >&2; }

echo "== PyTorch ($epochs epochs, $threads threads)" >&2
/usr/bin/python3 "$script" --epochs "$epochs" --threads "$threads" | tee "$out/torch.log" >&2

echo "== vaelab ($epochs epochs, $threads threads)" >&2
"$root/vaelab" train --model "$model" --dataset fashion-mnist --epochs "$epochs" --batch-size 128 --lr 0.001 --seed 1 \
  --threads "$threads" --out "$out/$model.vae" | tee "$out/vaelab.log" >&2

/usr/bin/python3 - "$out/torch.log" "$out/vaelab.log" <<'PY'
import re, sys
def parse(path, loss_key, speed_key):
    rows = {}
    for line in open(path):
        m = re.search(r"epoch (\d+)\b.*?" + loss_key + r" ([\d.]+).*?" + speed_key + r" ([\d.]+)", line)
        if m:
            rows[int(m.group(1))] = (float(m.group(2)), float(m.group(3)))
    return rows
torch = parse(sys.argv[1], "test_neg_elbo", "train_images_per_second")
vae = parse(sys.argv[2], "test_neg_elbo", "train_images_per_second")
blas = next((l.strip() for l in open(sys.argv[1]) if "BLAS" in l), "")
print(blas)
print("| epoch | PyTorch test -ELBO | vaelab test -ELBO | difference | PyTorch img/s | vaelab img/s | speed ratio |")
print("|---|---|---|---|---|---|---|")
for e in sorted(set(torch) & set(vae)):
    (tl, ts), (vl, vs) = torch[e], vae[e]
    print(f"| {e} | {tl:.2f} | {vl:.2f} | {100 * (vl - tl) / tl:+.2f}% | {ts:.0f} | {vs:.0f} | {vs / ts:.2f}× |")
if torch and vae:
    ts = sum(v[1] for v in torch.values()) / len(torch)
    vs = sum(v[1] for v in vae.values()) / len(vae)
    print(f"mean training throughput: PyTorch {ts:.0f} img/s, vaelab {vs:.0f} img/s ({vs / ts:.2f}×)")
PY
