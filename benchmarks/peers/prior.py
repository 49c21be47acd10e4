"""The discrete model's prior in PyTorch: the same transformer, sequence layout, loss, optimizer and
schedule as vaelab's CodePrior / CodePriorTrainer, trained for one epoch on the sequences that
PriorPeer exported (so both peers see the same captions and codes), printing throughput and the
test losses in nats per token.

    python3 prior.py --data FILE --threads 2 [--width 128 --layers 4 --heads 4]
"""
import argparse
import math
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

EOS, CELLS = 3, 64


def read(path):
    """PriorPeer's file: rows of (caption length, max_tokens ids, 64 codes); a caption takes max_tokens + 1 slots."""
    raw = np.fromfile(path, dtype="<i4")
    train, test, max_tokens, vocab, codes = raw[:5]
    rows = raw[5:].reshape(train + test, 1 + max_tokens + CELLS)
    return rows[:train], rows[train:], int(max_tokens) + 1, int(vocab), int(codes)


class Block(nn.Module):
    def __init__(self, c, heads):
        super().__init__()
        self.heads = heads
        self.attention_norm = nn.LayerNorm(c)
        self.query, self.key, self.value, self.output = (nn.Linear(c, c) for _ in range(4))
        self.mlp_norm = nn.LayerNorm(c)
        self.expand, self.contract = nn.Linear(c, 4 * c), nn.Linear(4 * c, c)

    def forward(self, x, mask):  # x (B, T, C); mask (B, 1, T, T), True where a query may see a key
        b, t, c = x.shape
        h = self.attention_norm(x)
        q, k, v = (f(h).view(b, t, self.heads, c // self.heads).transpose(1, 2) for f in (self.query, self.key, self.value))
        s = (q @ k.transpose(-2, -1)) / math.sqrt(c // self.heads)
        p = torch.softmax(s.masked_fill(~mask, float("-inf")), dim=-1)
        o = (p @ v).transpose(1, 2).reshape(b, t, c)
        x = x + self.output(o)
        return x + self.contract(F.gelu(self.expand(self.mlp_norm(x)), approximate="tanh"))


class Prior(nn.Module):
    def __init__(self, vocab, codes, slots, c, layers, heads):
        super().__init__()
        self.vocab, self.codes, self.slots = vocab, codes, slots
        self.length = slots + CELLS
        self.tokens = nn.Embedding(vocab + codes + 2, c)
        self.positions = nn.Parameter(torch.randn(self.length, c) * 0.02)
        with torch.no_grad():
            self.tokens.weight.mul_(0.02)
        self.blocks = nn.ModuleList(Block(c, heads) for _ in range(layers))
        self.final_norm = nn.LayerNorm(c)
        self.text_head, self.code_head = nn.Linear(c, vocab), nn.Linear(c, codes)

    def batch(self, rows, image_first):
        """The sequences of CodePrior.batch: ids, key flags, and which positions predict which targets."""
        n, slots, length = len(rows), self.slots, self.length
        lengths = rows[:, 0]
        text = np.zeros((n, slots), dtype=np.int64)
        text[:, :slots - 1] = rows[:, 1:slots]  # the ids; the last slot is only ever the end token
        text[np.arange(n), lengths] = EOS
        text[np.arange(slots)[None, :] > lengths[:, None]] = 0
        grids = rows[:, slots:slots + CELLS].astype(np.int64)
        full = np.zeros((n, length + 1), dtype=np.int64)
        full[:, 0] = np.where(image_first, self.vocab + self.codes + 1, self.vocab + self.codes)
        text_start = np.where(image_first, 1 + CELLS, 1)
        code_start = np.where(image_first, 1, 1 + slots)
        cols = np.arange(length + 1)[None, :]
        for i in range(n):
            full[i, text_start[i]:text_start[i] + slots] = text[i]
            full[i, code_start[i]:code_start[i] + CELLS] = grids[i] + self.vocab
        slot = cols[:, :length] - text_start[:, None]
        keep = (slot < 0) | (slot >= slots) | (slot <= lengths[:, None])
        text_pos, text_tgt = [], []
        for i in range(n):
            for s in range(lengths[i] + 1):
                text_pos.append(i * length + text_start[i] + s - 1)
                text_tgt.append(text[i, s])
        code_pos = (np.arange(n)[:, None] * length + code_start[:, None] + np.arange(CELLS)[None, :] - 1).ravel()
        return (torch.from_numpy(full[:, :length]), torch.from_numpy(keep), torch.tensor(text_pos), torch.tensor(text_tgt),
                torch.from_numpy(code_pos), torch.from_numpy(grids.ravel()))

    def loss(self, batch):
        ids, keep, text_pos, text_tgt, code_pos, code_tgt = batch
        b, t = ids.shape
        x = self.tokens(ids) + self.positions[:t]
        causal = torch.tril(torch.ones(t, t, dtype=torch.bool))
        mask = causal[None, None] & keep[:, None, None, :]
        for block in self.blocks:
            x = block(x, mask)
        h = self.final_norm(x).reshape(b * t, -1)
        text = F.cross_entropy(self.text_head(h[text_pos]), text_tgt)
        image = F.cross_entropy(self.code_head(h[code_pos]), code_tgt)
        return text, image


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", required=True)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--width", type=int, default=128)
    ap.add_argument("--layers", type=int, default=4)
    ap.add_argument("--heads", type=int, default=4)
    ap.add_argument("--batch-size", type=int, default=64)
    ap.add_argument("--lr", type=float, default=1e-3)
    ap.add_argument("--warmup", type=int, default=500)
    ap.add_argument("--text-weight", type=float, default=0.25)
    ap.add_argument("--caption-share", type=float, default=0.25)
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(2)
    rng = np.random.default_rng(2)
    train, test, slots, vocab, codes = read(args.data)
    model = Prior(vocab, codes, slots, args.width, args.layers, args.heads)
    print(f"torch {torch.__version__}, {torch.get_num_threads()} threads, BLAS: {blas_library()}: prior of"
          f" {sum(p.numel() for p in model.parameters()):,} parameters", flush=True)
    opt = torch.optim.AdamW(model.parameters(), lr=args.lr, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.01)
    steps = math.ceil(len(train) / args.batch_size)

    def rate(step):
        if step < args.warmup:
            return args.lr * (step + 1) / args.warmup
        progress = min(1.0, (step - args.warmup) / max(1, steps - args.warmup))
        floor = args.lr / 10  # LearningRateSchedule.warmupCosine's form
        return floor + 0.5 * (args.lr - floor) * (1 + math.cos(math.pi * progress))

    order = rng.permutation(len(train))
    start = time.time()
    for s in range(steps):
        idx = order[s * args.batch_size:(s + 1) * args.batch_size]
        for g in opt.param_groups:
            g["lr"] = rate(s)
        text, image = model.loss(model.batch(train[idx], rng.random(len(idx)) < args.caption_share))
        loss = image + args.text_weight * text
        opt.zero_grad()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
    seconds = time.time() - start
    model.eval()
    sums, batches = np.zeros(3), 0
    with torch.no_grad():
        for f in range(0, len(test), args.batch_size):
            rows = test[f:f + args.batch_size]
            t_text, t_image = model.loss(model.batch(rows, np.zeros(len(rows), dtype=bool)))
            c_text, _ = model.loss(model.batch(rows, np.ones(len(rows), dtype=bool)))
            sums += [t_text.item(), t_image.item(), c_text.item()]
            batches += 1
    text_nll, image_nll, caption_nll = sums / batches
    print(f"epoch 1 sequences_per_second {len(train) / seconds:.1f} test_text_nll {text_nll:.4f} test_image_nll {image_nll:.4f}"
          f" test_caption_nll {caption_nll:.4f}")


def blas_library():
    """The BLAS shared library this process has mapped, read from /proc/self/maps."""
    with open("/proc/self/maps") as f:
        libs = {line.split()[-1] for line in f if "blas" in line.lower() and line.split()[-1].startswith("/")}
    return ", ".join(sorted(libs)) or "none found"


if __name__ == "__main__":
    main()
