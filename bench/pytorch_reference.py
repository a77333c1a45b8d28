#!/usr/bin/python3
"""PyTorch reference of the NotebookRnn bench (issue 5).

Runs the configurations of the C# bench's plan (`Bench --list-configs`, so shapes, batch counts, optimizer settings
and the synthetic data are the same on both sides) with one torch thread setting and prints JSON on stdout:

    OPENBLAS_NUM_THREADS=1 /usr/bin/python3 bench/pytorch_reference.py --plan plan.json --threads 1 > pytorch-threads-1.json

bench/run.sh runs it with --threads 1 and --threads 2 and the C# bench keeps the faster setting per configuration.

Models (batch_first everywhere):
  one-hot input  -> nn.LSTM / nn.GRU / nn.RNN(tanh) -> last hidden state -> nn.Linear
  ids input      -> nn.Embedding -> pack_padded_sequence -> nn.LSTM -> final hidden state -> nn.Linear
  masked one-hot (padding sweep) -> pack_padded_sequence -> nn.LSTM -> final hidden state -> nn.Linear
  "<name>/unpacked" (configs with reference_unpacked, i.e. imdb): the same model on the padded batch without packing,
  the output at each row's last real step into nn.Linear - the same numbers for post-padded input, and faster in
  PyTorch 1.13, whose packed LSTM backward on CPU materialises a full-size gradient per step.
Losses: softmax outputs use F.cross_entropy (log-softmax + NLL, the same as softmax + categorical cross-entropy);
the sigmoid output uses F.binary_cross_entropy_with_logits.
Optimizers, as close to Keras 3 as PyTorch allows:
  RMSprop: torch.optim.RMSprop(lr, alpha=0.9, eps=1e-7) - Keras's rho=0.9 and epsilon=1e-7. PyTorch adds eps outside the
           square root (g / (sqrt(v) + eps)); Keras inside (g / sqrt(v + eps)). Same work per step.
  Adam:    torch.optim.Adam(lr, eps=1e-7) - Keras's epsilon (betas 0.9, 0.999 are the same).
GEMM: torch.mm(a, b, out=c), fp32, torch.set_num_threads(1) with OPENBLAS_NUM_THREADS=1 (run with --threads 1 only).
"""
import argparse
import json
import os
import statistics
import sys
import time

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")  # read by OpenBLAS when torch loads it

import torch  # noqa: E402  (after the environment is set)
import torch.nn as nn  # noqa: E402
import torch.nn.functional as F  # noqa: E402
from torch.nn.utils.rnn import pack_padded_sequence  # noqa: E402


# Slow configurations (PyTorch's packed LSTM backward is O(steps²) on CPU: over a second per batch at r = 1) stop
# early: at least MIN_WARMUP / MIN_TIMED batches, then only while within the budget.
MIN_WARMUP, WARMUP_BUDGET_S, MIN_TIMED, TIMED_BUDGET_S = 3, 5.0, 10, 20.0


class Lcg:
    """The bench's 32-bit LCG: x <- 1664525 x + 1013904223 mod 2^32, draw = (x >> 8) mod bound."""

    def __init__(self, seed):
        self.state = seed & 0xFFFFFFFF

    def next(self, bound):
        self.state = (self.state * 1664525 + 1013904223) & 0xFFFFFFFF
        return (self.state >> 8) % bound


def draw_lengths(c, rng):
    batch, lo, hi = c["batch"], c["length_min"], c["length_max"]
    if c["length_mode"] == "full":
        return [c["steps"]] * batch
    if c["length_mode"] == "uniform":
        return [lo + rng.next(hi - lo + 1) for _ in range(batch)]
    if c["length_mode"] == "spread":
        lengths = [hi if batch == 1 else lo + ((hi - lo) * b * 2 + batch - 1) // (2 * (batch - 1)) for b in range(batch)]
        for b in range(batch - 1, 0, -1):
            j = rng.next(b + 1)
            lengths[b], lengths[j] = lengths[j], lengths[b]
        return lengths
    raise ValueError(f'unknown length mode "{c["length_mode"]}"')


def checksum(raw):
    """SyntheticBatch.Checksum: h <- 31 h + v + 2 (mod 2^32) over each batch's lengths, tokens and targets."""
    h = 0
    for lengths, tokens, targets in raw:
        for v in lengths + [t for row in tokens for t in row] + targets:
            h = (h * 31 + v + 2) & 0xFFFFFFFF
    return h


def generate(c, expected_checksum):
    """The same batches as SyntheticBatch.Generate: lengths, then tokens row-major (real steps only), then targets."""
    rng, raw = Lcg(c["seed"]), []
    ids = c["input"] == "ids"
    for _ in range(c["distinct_batches"]):
        lengths = draw_lengths(c, rng)
        tokens = [[-1] * c["steps"] for _ in range(c["batch"])]
        for b in range(c["batch"]):
            for t in range(lengths[b]):
                tokens[b][t] = 1 + rng.next(c["vocab"] - 1) if ids else rng.next(c["features"])
        targets = [rng.next(max(2, c["outputs"])) for _ in range(c["batch"])]
        raw.append((lengths, tokens, targets))
    if checksum(raw) != expected_checksum:
        sys.exit(f'error: {c["name"]}: synthetic data checksum {checksum(raw)} differs from the C# bench\'s {expected_checksum}')
    return [to_tensors(c, *batch) for batch in raw]


def to_tensors(c, lengths, tokens, targets):
    tokens = torch.tensor(tokens, dtype=torch.int64)
    if c["input"] == "ids":
        x = tokens.clamp(min=0)  # padding id 0
    else:
        x = torch.zeros(c["batch"], c["steps"], c["features"])
        real = tokens >= 0
        x[real] = F.one_hot(tokens[real], c["features"]).float()  # padding steps stay all-zero
    y = torch.tensor(targets, dtype=torch.float32).unsqueeze(1) if c["outputs"] == 1 else torch.tensor(targets, dtype=torch.int64)
    return x, torch.tensor(lengths, dtype=torch.int64), y


class Net(nn.Module):
    def __init__(self, c, packed=True):
        super().__init__()
        self.ids, self.cell = c["input"] == "ids", c["cell"]
        self.packed, self.masked_unpacked = c["masked"] and packed, c["masked"] and not packed
        self.embedding = nn.Embedding(c["vocab"], c["features"]) if self.ids else None
        rnn = {"lstm": nn.LSTM, "gru": nn.GRU, "simplernn": nn.RNN}[c["cell"]]
        self.rnn = rnn(c["features"], c["units"], batch_first=True)
        self.dense = nn.Linear(c["units"], c["outputs"])

    def forward(self, x, lengths):
        if self.ids:
            x = self.embedding(x)
        if self.packed:
            x = pack_padded_sequence(x, lengths, batch_first=True, enforce_sorted=False)
        outputs, h = self.rnn(x)
        if self.masked_unpacked:  # post-padded: the output at the last real step is the packed run's final state
            return self.dense(outputs[torch.arange(outputs.shape[0]), lengths - 1])
        if self.cell == "lstm":
            h = h[0]
        return self.dense(h[-1])  # final hidden state of each sequence (at its length when packed)


def loss_of(c, logits, y):
    return F.binary_cross_entropy_with_logits(logits, y) if c["outputs"] == 1 else F.cross_entropy(logits, y)


def optimizer_of(c, params):
    if c["optimizer"] == "rmsprop":
        return torch.optim.RMSprop(params, lr=c["learning_rate"], alpha=0.9, eps=1e-7)
    if c["optimizer"] == "adam":
        return torch.optim.Adam(params, lr=c["learning_rate"], eps=1e-7)
    raise ValueError(f'unknown optimizer "{c["optimizer"]}"')


def train(c, expected_checksum, packed=True):
    torch.manual_seed(42)
    batches, model = generate(c, expected_checksum), Net(c, packed)
    opt = optimizer_of(c, model.parameters())

    def step(i):
        x, lengths, y = batches[i % len(batches)]
        opt.zero_grad(set_to_none=True)
        loss = loss_of(c, model(x, lengths), y)
        loss.backward()
        opt.step()
        return loss

    warmup_start = time.perf_counter()
    first = step(0).item()
    for i in range(1, c["warmup"]):
        if i >= MIN_WARMUP and time.perf_counter() - warmup_start > WARMUP_BUDGET_S:
            break
        step(i)
    ms, last = [], None
    for i in range(c["timed"]):
        if i >= MIN_TIMED and sum(ms) > TIMED_BUDGET_S * 1000:
            break
        start = time.perf_counter()
        last = step(c["warmup"] + i)
        ms.append((time.perf_counter() - start) * 1000)
    return summary(c, ms, len(ms), first_loss=first, last_loss=last.item())


def predict(c, expected_checksum):
    torch.manual_seed(42)
    batches, model = generate(c, expected_checksum), Net(c)
    model.eval()

    def one_pass():
        with torch.inference_mode():
            for x, lengths, _ in batches:
                model(x, lengths)

    for _ in range(c["warmup"]):
        one_pass()
    ms = []
    for _ in range(c["timed"]):
        start = time.perf_counter()
        one_pass()
        ms.append((time.perf_counter() - start) * 1000 / len(batches))
    return summary(c, ms, len(ms) * len(batches))


def summary(c, ms, timed_batches, **extra):
    median = statistics.median(ms)
    return dict(ms_per_batch=median, mean_ms_per_batch=statistics.fmean(ms), samples_per_s=c["batch"] * 1000 / median,
                timed_batches=timed_batches, **extra)


def gemm(g):
    gen = torch.Generator().manual_seed(7)
    a = torch.rand(g["m"], g["k"], generator=gen) * 2 - 1
    b = torch.rand(g["k"], g["n"], generator=gen) * 2 - 1
    c = torch.empty(g["m"], g["n"])

    def timed(repeats):
        start = time.perf_counter()
        for _ in range(repeats):
            torch.mm(a, b, out=c)
        return time.perf_counter() - start

    timed(3)
    repeats, seconds = 1, timed(1)
    while seconds < g["min_seconds"]:
        repeats = int(-(-repeats * min(10.0, 1.2 * g["min_seconds"] / max(seconds, 1e-6)) // 1))
        seconds = timed(repeats)
    ms = statistics.median(timed(repeats) * 1000 / repeats for _ in range(g["measurements"]))
    return dict(ms_per_multiply=ms, gflops=2.0 * g["m"] * g["n"] * g["k"] / (ms * 1e6))


def blas_library():
    """The BLAS shared object torch loaded (Debian: the libblas.so.3 alternative, OpenBLAS when installed)."""
    torch.mm(torch.ones(2, 2), torch.ones(2, 2))
    with open("/proc/self/maps") as maps:
        paths = {line.split()[-1] for line in maps if "blas" in line.split()[-1].lower()}
    return ", ".join(sorted(os.path.basename(p) for p in paths)) or "unknown"


def load_average():
    try:
        with open("/proc/loadavg") as f:
            return " ".join(f.read().split()[:3])
    except OSError:
        return "unknown"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--plan", required=True, help="output of Bench --list-configs")
    parser.add_argument("--threads", type=int, required=True, help="torch.set_num_threads value")
    args = parser.parse_args()
    with open(args.plan) as f:
        plan = json.load(f)
    torch.set_num_threads(args.threads)
    result = dict(threads=args.threads, torch=torch.__version__, blas=blas_library(), load_average=load_average(),
                  openblas_num_threads=os.environ.get("OPENBLAS_NUM_THREADS"), models={}, gemm={})
    for c in plan["models"]:
        if c["devices"] > 1:  # our multi-device runs are compared with our own single device
            continue
        checksum_expected = plan["data_checksums"][c["name"]]
        runs = {c["name"]: lambda: predict(c, checksum_expected) if c["kind"] == "predict" else train(c, checksum_expected)}
        if c["reference_unpacked"]:
            runs[c["name"] + "/unpacked"] = lambda: train(c, checksum_expected, packed=False)
        for name, run in runs.items():
            m = result["models"][name] = run()
            print(f'  torch threads {args.threads}: {name:<24} {m["ms_per_batch"]:9.2f} ms/batch {m["samples_per_s"]:10,.0f} samples/s '
                  f'({m["timed_batches"]} timed)', file=sys.stderr, flush=True)
    if args.threads == 1:  # GEMM is compared single-threaded
        for g in plan["gemms"]:
            result["gemm"][g["name"]] = gemm(g)
            print(f'  torch threads 1: {g["name"]:<24} {result["gemm"][g["name"]]["gflops"]:9.1f} GFLOP/s', file=sys.stderr, flush=True)
    json.dump(result, sys.stdout, indent=2)
    print()


if __name__ == "__main__":
    main()
