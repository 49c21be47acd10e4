#!/usr/bin/python3
"""The PyTorch peer of `vaelab train --model vae-conv`: the same convolutional VAE (28×28 padded to
32×32; conv 4×4/2 1→32, conv 4×4/2 32→64, dense 4096→32 for mu and for logvar; dense 32→4096,
deconv 4×4/2 64→32, deconv 4×4/2 32→1; the output cropped back to 28×28), Bernoulli decoder,
Adam 1e-3, batch 128, seed 1. Prints the same per-epoch lines as vae_mlp.py.
"""
import argparse
import time

import torch
from torch import nn
from torch.nn import functional as F

import vae_mlp


class ConvVAE(nn.Module):
    def __init__(self, latent=32):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 32, 4, 2, 1)
        self.conv2 = nn.Conv2d(32, 64, 4, 2, 1)
        self.fc_mu = nn.Linear(64 * 8 * 8, latent)
        self.fc_logvar = nn.Linear(64 * 8 * 8, latent)
        self.fc_decode = nn.Linear(latent, 64 * 8 * 8)
        self.deconv1 = nn.ConvTranspose2d(64, 32, 4, 2, 1)
        self.deconv2 = nn.ConvTranspose2d(32, 1, 4, 2, 1)

    def forward(self, x):
        h = F.pad(x.view(-1, 1, 28, 28), (2, 2, 2, 2))
        h = F.relu(self.conv2(F.relu(self.conv1(h)))).flatten(1)
        mu, logvar = self.fc_mu(h), self.fc_logvar(h)
        z = mu + torch.exp(0.5 * logvar) * torch.randn_like(mu)
        d = F.relu(self.fc_decode(z)).view(-1, 64, 8, 8)
        out = self.deconv2(F.relu(self.deconv1(d)))[:, :, 2:30, 2:30]
        return out.reshape(-1, 784), mu, logvar


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--data-dir", default="/usr/share/datasets/fashion-mnist")
    p.add_argument("--epochs", type=int, default=10)
    p.add_argument("--batch-size", type=int, default=128)
    p.add_argument("--lr", type=float, default=1e-3)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--threads", type=int, default=2)
    a = p.parse_args()
    torch.manual_seed(a.seed)
    torch.set_num_threads(a.threads)
    train, test = vae_mlp.load(a.data_dir, "train"), vae_mlp.load(a.data_dir, "t10k")
    model = ConvVAE()
    opt = torch.optim.Adam(model.parameters(), lr=a.lr)
    print(f"torch {torch.__version__}, {torch.get_num_threads()} threads, BLAS: {vae_mlp.blas_library()}", flush=True)
    for epoch in range(1, a.epochs + 1):
        model.train()
        order = torch.randperm(len(train))
        start = time.perf_counter()
        for i in range(0, len(train), a.batch_size):
            x = train[order[i:i + a.batch_size]]
            opt.zero_grad()
            logits, mu, logvar = model(x)
            recon, kl = vae_mlp.losses(logits, x, mu, logvar)
            ((recon + kl) / len(x)).backward()
            opt.step()
        seconds = time.perf_counter() - start
        model.eval()
        total_r = total_k = 0.0
        with torch.no_grad():
            for i in range(0, len(test), 500):
                x = test[i:i + 500]
                logits, mu, logvar = model(x)
                r, k = vae_mlp.losses(logits, x, mu, logvar)
                total_r += r.item()
                total_k += k.item()
        n = len(test)
        print(f"epoch {epoch} test_neg_elbo {(total_r + total_k) / n:.4f} test_recon {total_r / n:.4f} "
              f"test_kl {total_k / n:.4f} train_images_per_second {len(train) / seconds:.1f}", flush=True)


if __name__ == "__main__":
    main()
