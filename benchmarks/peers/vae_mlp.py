#!/usr/bin/python3
"""The PyTorch peer: the MLP VAE of PyTorch's examples/vae, trained on the same Fashion-MNIST files
with the same hyperparameters as `vaelab train --model vae-mlp` (Adam 1e-3, batch 128, seed 1,
intensities in [0, 1], BCE summed over pixels + KL, averaged over the batch). No torchvision: the
IDX files are read with numpy. Prints one line per epoch:

    epoch E test_neg_elbo X test_recon R test_kl K train_images_per_second S

Run with Debian's python3-torch (CPU) on OpenBLAS: benchmarks/peers/compare.sh does both.
"""
import argparse
import gzip
import os
import sys
import time

import numpy as np
import torch
from torch import nn
from torch.nn import functional as F


def read_idx(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as f:
        data = f.read()
    if data[0] != 0 or data[1] != 0 or data[2] != 8:
        sys.exit(f"{path}: not an unsigned-byte IDX file")
    rank = data[3]
    dims = [int.from_bytes(data[4 + 4 * i:8 + 4 * i], "big") for i in range(rank)]
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * rank).reshape(dims)


def load(directory, prefix):
    def find(name):
        for candidate in (name + ".gz", name):
            p = os.path.join(directory, candidate)
            if os.path.exists(p):
                return p
        sys.exit(f"missing {name} in {directory}")
    images = read_idx(find(f"{prefix}-images-idx3-ubyte")).astype(np.float32) / 255.0
    return torch.from_numpy(images.reshape(-1, 784).copy())


class VAE(nn.Module):
    def __init__(self, hidden=400, latent=20):
        super().__init__()
        self.fc1 = nn.Linear(784, hidden)
        self.fc21 = nn.Linear(hidden, latent)
        self.fc22 = nn.Linear(hidden, latent)
        self.fc3 = nn.Linear(latent, hidden)
        self.fc4 = nn.Linear(hidden, 784)

    def encode(self, x):
        h = F.relu(self.fc1(x))
        return self.fc21(h), self.fc22(h)

    def forward(self, x):
        mu, logvar = self.encode(x)
        z = mu + torch.exp(0.5 * logvar) * torch.randn_like(mu)
        return self.fc4(F.relu(self.fc3(z))), mu, logvar


def losses(logits, x, mu, logvar):
    recon = F.binary_cross_entropy_with_logits(logits, x, reduction="sum")
    kl = -0.5 * torch.sum(1 + logvar - mu.pow(2) - logvar.exp())
    return recon, kl


def parse_args():
    p = argparse.ArgumentParser()
    p.add_argument("--data-dir", default="/usr/share/datasets/fashion-mnist")
    p.add_argument("--epochs", type=int, default=10)
    p.add_argument("--batch-size", type=int, default=128)
    p.add_argument("--lr", type=float, default=1e-3)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--threads", type=int, default=2)
    return p.parse_args()


def run(make_model, a):
    """Trains make_model() as the vaelab trainer does and prints one line per epoch."""
    torch.manual_seed(a.seed)
    torch.set_num_threads(a.threads)
    train, test = load(a.data_dir, "train"), load(a.data_dir, "t10k")
    model = make_model()
    opt = torch.optim.Adam(model.parameters(), lr=a.lr)
    print(f"torch {torch.__version__}, {torch.get_num_threads()} threads, BLAS: {blas_library()}", flush=True)
    for epoch in range(1, a.epochs + 1):
        model.train()
        order = torch.randperm(len(train))
        start = time.perf_counter()
        for i in range(0, len(train), a.batch_size):
            x = train[order[i:i + a.batch_size]]
            opt.zero_grad()
            logits, mu, logvar = model(x)
            recon, kl = losses(logits, x, mu, logvar)
            ((recon + kl) / len(x)).backward()
            opt.step()
        seconds = time.perf_counter() - start
        model.eval()
        total_r = total_k = 0.0
        with torch.no_grad():
            for i in range(0, len(test), 500):
                x = test[i:i + 500]
                logits, mu, logvar = model(x)
                r, k = losses(logits, x, mu, logvar)
                total_r += r.item()
                total_k += k.item()
        n = len(test)
        print(f"epoch {epoch} test_neg_elbo {(total_r + total_k) / n:.4f} test_recon {total_r / n:.4f} "
              f"test_kl {total_k / n:.4f} train_images_per_second {len(train) / seconds:.1f}", flush=True)


def main():
    run(VAE, parse_args())


def blas_library():
    """The BLAS shared library this process has mapped, read from /proc/self/maps."""
    try:
        with open("/proc/self/maps") as f:
            libs = {line.split()[-1] for line in f if "blas" in line.lower() and line.split()[-1].startswith("/")}
        return ", ".join(sorted(os.path.realpath(l) for l in libs)) or "none found"
    except OSError:
        return "unknown"


if __name__ == "__main__":
    main()
