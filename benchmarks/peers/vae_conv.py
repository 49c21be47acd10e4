#!/usr/bin/python3
"""The PyTorch peer of `vaelab train --model vae-conv`: the same convolutional VAE (28×28 padded to
32×32; conv 4×4/2 1→32, conv 4×4/2 32→64, dense 4096→32 for mu and for logvar; dense 32→4096,
deconv 4×4/2 64→32, deconv 4×4/2 32→1; the output cropped back to 28×28), Bernoulli decoder,
Adam 1e-3, batch 128, seed 1. Prints the same per-epoch lines as vae_mlp.py.
"""
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
    vae_mlp.run(ConvVAE, vae_mlp.parse_args())


if __name__ == "__main__":
    main()
