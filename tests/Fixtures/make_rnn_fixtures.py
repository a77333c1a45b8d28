#!/usr/bin/env python3
"""Golden fixtures for the recurrent layers (SimpleRNN, LSTM, GRU, Bidirectional), computed with PyTorch.

Regenerate (deterministic, ~2 s, needs Debian's python3-torch and python3-numpy):

    /usr/bin/python3 tests/Fixtures/make_rnn_fixtures.py

Writes one JSON file per case into tests/Fixtures/rnn/ (old *.json there are removed first):

    {"case": "lstm_post_mask",
     "config":   {"cell", "units", "return_sequences", "go_backwards", "use_bias", "reset_after",
                  "recurrent_activation", "bidirectional", "mask"},
     "inputs":   {"x": (batch, time, features), "mask": (batch, time) of 0/1, only when config.mask is set},
     "weights":  {"kernel", "recurrent_kernel", "bias"}          Keras layout; "bias" absent if use_bias=False;
                 Bidirectional: {"forward": {...}, "backward": {...}}
     "upstream": same tree as "outputs": the fixed tensors R of the loss below
     "outputs":  {"output": (batch, units) or (batch, time, units), "final_states": {"h"[, "c"]}}
                 Bidirectional: "final_states": {"forward": {"h"[, "c"]}, "backward": {"h"[, "c"]}}
     "grads":    {"input": like x, then the weights tree with dL/dweight (same shapes)}
     "checks":   the cross-checks this case passed}

Every tensor is {"shape": [...], "data": [... row-major ...]}. inputs, weights and upstream are float32 values
printed as the shortest decimal that round-trips to float32; outputs and grads are computed in float64 from
those values and printed with Python's repr (exact to ~1e-12), so a float32 implementation should match them to
its own rounding error. Masks are printed as 0/1 integers.

Formulas (Keras 3 layout and semantics; x_t: (batch, features), h, c: (batch, units), σ = recurrent_activation):
    kernel (features, G*units), recurrent_kernel (units, G*units), bias (G*units,), gate blocks along the last axis.
    SimpleRNN (G=1):        h' = tanh(x W + h U + b)
    LSTM (G=4, i f c o):    i = σ(x Wi + h Ui + bi)   f = σ(x Wf + h Uf + bf)   o = σ(x Wo + h Uo + bo)
                            c' = f*c + i*tanh(x Wc + h Uc + bc)               h' = o*tanh(c')
    GRU (G=3, z r h), reset_after=True, bias (2, 3*units): row 0 input bias b, row 1 recurrent bias bR
                            z = σ(x Wz + bz + h Uz + bRz)   r = σ(x Wr + br + h Ur + bRr)
                            h~ = tanh(x Wh + bh + r*(h Uh + bRh))               h' = z*h + (1-z)*h~
    GRU reset_after=False, bias (3*units,): same z and r (without bR), h~ = tanh(x Wh + bh + (r*h) Uh)
    σ = sigmoid, or hard_sigmoid = clip(0.2*x + 0.5, 0, 1) (Keras 2's slope; see HARD_SIGMOID_SLOPE).
    The initial state is zeros. The output of a step is h.

Loop semantics (Keras RNN with zero_output_for_mask=False):
    masked step: the state is carried unchanged and the step's output is the previous step's output (zeros before
    the first step). A row with no real step keeps a zero state and zero outputs.
    go_backwards: inputs and mask are reversed in time; the returned sequence stays in processing order, so
    output[:, t] belongs to input step T-1-t.
    return_sequences=False returns the output of the last processed step.
    Bidirectional(merge_mode concat|sum): a forward layer and a go_backwards layer with its own weights; with
    return_sequences the backward sequence is flipped back to input order before merging. The Bidirectional
    cases are either masked with return_sequences=False or unmasked with return_sequences=True, which keeps
    them free of Keras's zero_output_for_mask special case for Bidirectional.

Loss whose gradients are recorded: L = sum over the leaves of "outputs" of sum(leaf * matching leaf of
"upstream"), i.e. sum(output*R) + sum(h*Rh) [+ sum(c*Rc)] (per direction for Bidirectional).

How the values are produced and checked (each assertion to 1e-10 unless noted):
    The layers are explicit step loops in torch float64 on the Keras-layout weights (torch.where for the mask),
    so autograd yields the gradients directly in Keras layout. The loop is then cross-checked against PyTorch's
    own modules wherever they apply (sigmoid gates, GRU with reset_after=True):
    * "torch_module": nn.RNN / nn.LSTM / nn.GRU (bidirectional for Bidirectional cases) with the weights
      converted from Keras layout, unmasked: sequences, final states and all gradients agree.
    * "packed_sequence": each direction the case runs, with its mask and go_backwards, equals the module run on
      pack_padded_sequence of each row's real steps in processing order: final states and per-step outputs.
    * "packed_bidirectional": the Bidirectional case equals a bidirectional module on packed real steps.
    Every case also passes "finite_difference" (central difference along a random direction, 1e-7 relative),
    which is the check for the cells PyTorch has no module for (GRU reset_after=False, hard_sigmoid gates).
"""
import json
import pathlib
import zlib

import numpy as np
import torch
from torch import nn
from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence

torch.set_default_dtype(torch.float64)

OUT_DIR = pathlib.Path(__file__).resolve().parent / "rnn"
TOLERANCE = 1e-10
FINITE_DIFFERENCE_TOLERANCE = 1e-7
HARD_SIGMOID_SLOPE = 0.2  # Keras 2's clip(0.2x + 0.5, 0, 1); Keras 3's activations.hard_sigmoid uses 1/6.
GATE_COUNT = {"simple_rnn": 1, "lstm": 4, "gru": 3}
STATE_NAMES = {"simple_rnn": ("h",), "lstm": ("h", "c"), "gru": ("h",)}
FLOAT32_SECTIONS = ("inputs", "weights", "upstream")


# ---------------------------------------------------------------- cells: one step, Keras layout
def hard_sigmoid(z):
    return torch.clamp(HARD_SIGMOID_SLOPE * z + 0.5, 0.0, 1.0)


RECURRENT_ACTIVATIONS = {"sigmoid": torch.sigmoid, "hard_sigmoid": hard_sigmoid}


def simple_rnn_step(config, w, sigma, x, state):
    (h,) = state
    z = x @ w["kernel"] + h @ w["recurrent_kernel"]
    if config["use_bias"]:
        z = z + w["bias"]
    h = torch.tanh(z)
    return h, (h,)


def lstm_step(config, w, sigma, x, state):
    h, c = state
    z = x @ w["kernel"] + h @ w["recurrent_kernel"]
    if config["use_bias"]:
        z = z + w["bias"]
    z_i, z_f, z_c, z_o = z.chunk(4, dim=-1)
    c = sigma(z_f) * c + sigma(z_i) * torch.tanh(z_c)
    h = sigma(z_o) * torch.tanh(c)
    return h, (h, c)


def gru_step(config, w, sigma, x, state):
    (h,) = state
    kernel_z, kernel_r, kernel_h = w["kernel"].chunk(3, dim=-1)
    recurrent_z, recurrent_r, recurrent_h = w["recurrent_kernel"].chunk(3, dim=-1)
    x_z, x_r, x_h = x @ kernel_z, x @ kernel_r, x @ kernel_h
    h_z, h_r = h @ recurrent_z, h @ recurrent_r
    if config["reset_after"]:
        h_h = h @ recurrent_h
        if config["use_bias"]:
            input_bias, recurrent_bias = w["bias"][0].chunk(3), w["bias"][1].chunk(3)
            x_z, x_r, x_h = x_z + input_bias[0], x_r + input_bias[1], x_h + input_bias[2]
            h_z, h_r, h_h = h_z + recurrent_bias[0], h_r + recurrent_bias[1], h_h + recurrent_bias[2]
        z, r = sigma(x_z + h_z), sigma(x_r + h_r)
        candidate = torch.tanh(x_h + r * h_h)
    else:
        if config["use_bias"]:
            bias_z, bias_r, bias_h = w["bias"].chunk(3)
            x_z, x_r, x_h = x_z + bias_z, x_r + bias_r, x_h + bias_h
        z, r = sigma(x_z + h_z), sigma(x_r + h_r)
        candidate = torch.tanh(x_h + (r * h) @ recurrent_h)
    h = z * h + (1 - z) * candidate
    return h, (h,)


STEPS = {"simple_rnn": simple_rnn_step, "lstm": lstm_step, "gru": gru_step}


# ---------------------------------------------------------------- the Keras RNN loop and Bidirectional
def run_direction(config, w, x, mask, go_backwards, sigma=None):
    """x: (batch, time, features), mask: bool (batch, time) → outputs (batch, time, units) in processing order,
    final state tuple."""
    sigma = sigma or RECURRENT_ACTIVATIONS[config["recurrent_activation"] or "sigmoid"]  # SimpleRNN has none
    if go_backwards:
        x, mask = x.flip(1), mask.flip(1)
    zeros = x.new_zeros(x.shape[0], config["units"])
    state = (zeros,) * len(STATE_NAMES[config["cell"]])
    previous_output, outputs = zeros, []
    for t in range(x.shape[1]):
        output, new_state = STEPS[config["cell"]](config, w, sigma, x[:, t], state)
        active = mask[:, t, None]
        state = tuple(torch.where(active, new, old) for new, old in zip(new_state, state))
        previous_output = torch.where(active, output, previous_output)
        outputs.append(previous_output)
    return torch.stack(outputs, dim=1), state


def named_states(config, state):
    return dict(zip(STATE_NAMES[config["cell"]], state))


def layer_forward(config, weights, x, mask):
    """The layer as the fixture records it: {"output", "final_states"}."""
    if config["bidirectional"] is None:
        sequence, state = run_direction(config, weights, x, mask, config["go_backwards"])
        output = sequence if config["return_sequences"] else sequence[:, -1]
        return {"output": output, "final_states": named_states(config, state)}
    forward_sequence, forward_state = run_direction(config, weights["forward"], x, mask, False)
    backward_sequence, backward_state = run_direction(config, weights["backward"], x, mask, True)
    if config["return_sequences"]:
        forward_output, backward_output = forward_sequence, backward_sequence.flip(1)
    else:
        forward_output, backward_output = forward_sequence[:, -1], backward_sequence[:, -1]
    if config["bidirectional"] == "concat":
        output = torch.cat([forward_output, backward_output], dim=-1)
    else:
        output = forward_output + backward_output
    return {"output": output,
            "final_states": {"forward": named_states(config, forward_state),
                             "backward": named_states(config, backward_state)}}


# ---------------------------------------------------------------- small tree helpers
def leaves(tree):
    if isinstance(tree, dict) and "shape" not in tree:  # a loaded JSON tensor is a leaf too
        return [leaf for key in sorted(tree) for leaf in leaves(tree[key])]
    return [tree]


def tree_map(function, tree):
    if isinstance(tree, dict):
        return {key: tree_map(function, value) for key, value in tree.items()}
    return function(tree)


def rebuild(tree, values):
    """Puts values (in leaves() order) back into the shape of tree."""
    iterator = iter(values)

    def fill(node):
        if isinstance(node, dict):
            filled = {key: fill(node[key]) for key in sorted(node)}
            return {key: filled[key] for key in node}
        return next(iterator)

    return fill(tree)


def loss_of(outputs, upstream):
    return sum((output * r).sum() for output, r in zip(leaves(outputs), leaves(upstream)))


def forward_and_grads(config, x, mask, weights, upstream):
    x = x.clone().requires_grad_()
    weights = tree_map(lambda t: t.clone().requires_grad_(), weights)
    outputs = layer_forward(config, weights, x, mask)
    loss = loss_of(outputs, upstream)
    gradients = torch.autograd.grad(loss, [x] + leaves(weights))
    grads = {"input": gradients[0], **rebuild(weights, gradients[1:])}
    return tree_map(torch.detach, outputs), grads


def assert_close(name, actual, expected, tolerance=TOLERANCE):
    error = (actual - expected).abs().max().item() if actual.numel() else 0.0
    assert actual.shape == expected.shape and error <= tolerance, \
        f"{name}: expected agreement to {tolerance}, got max error {error} (shapes {actual.shape}, {expected.shape})"


# ---------------------------------------------------------------- PyTorch modules with Keras-layout weights
def torch_gate_order(config, t):
    """Keras GRU gates (z, r, h) → PyTorch (r, z, n) along the last axis; LSTM i,f,c,o = PyTorch i,f,g,o."""
    if config["cell"] != "gru":
        return t
    z, r, h = t.chunk(3, dim=-1)
    return torch.cat([r, z, h], dim=-1)


def to_torch_layout(config, w, bias_hh_from_bias=False):
    """Keras weights → nn.RNN/LSTM/GRU parameters. Keras's single bias becomes bias_ih (bias_hh = 0), or both
    when converting a bias gradient (d/dbias_ih = d/dbias_hh = d/dbias)."""
    params = {"weight_ih": torch_gate_order(config, w["kernel"]).T,
              "weight_hh": torch_gate_order(config, w["recurrent_kernel"]).T}
    if config["use_bias"]:
        if config["cell"] == "gru":
            params["bias_ih"] = torch_gate_order(config, w["bias"][0])
            params["bias_hh"] = torch_gate_order(config, w["bias"][1])
        else:
            params["bias_ih"] = w["bias"]
            params["bias_hh"] = w["bias"] if bias_hh_from_bias else torch.zeros_like(w["bias"])
    return params


def directions(config, weights):
    if config["bidirectional"] is None:
        return [("", weights)]
    return [("", weights["forward"]), ("_reverse", weights["backward"])]


def torch_module(config, direction_weights, features):
    module_type = {"simple_rnn": nn.RNN, "lstm": nn.LSTM, "gru": nn.GRU}[config["cell"]]
    module = module_type(features, config["units"], batch_first=True, bias=config["use_bias"],
                         bidirectional=len(direction_weights) == 2)
    with torch.no_grad():
        for suffix, w in direction_weights:
            for name, value in to_torch_layout(config, w).items():
                getattr(module, f"{name}_l0{suffix}").copy_(value)
    return module


def module_states(config, result):
    """(h_n, c_n) or h_n of a module → list of (directions, batch, units) tensors in STATE_NAMES order."""
    return list(result) if config["cell"] == "lstm" else [result]


def has_torch_module(config):
    return config["recurrent_activation"] in ("sigmoid", None) and (config["cell"] != "gru" or config["reset_after"])


# ---------------------------------------------------------------- cross-checks
def check_torch_module(config, x, weights, rng):
    """Unmasked, forward in time, sequences returned: explicit loop == nn module, values and gradients."""
    unmasked = {**config, "return_sequences": True, "go_backwards": False,
                "bidirectional": None if config["bidirectional"] is None else "concat"}
    all_real = torch.ones(x.shape[:2], dtype=torch.bool)
    expected = layer_forward(unmasked, weights, x, all_real)
    upstream = tree_map(lambda t: torch.from_numpy(rng.standard_normal(tuple(t.shape))), expected)
    outputs, grads = forward_and_grads(unmasked, x, all_real, weights, upstream)

    module_weights = directions(config, weights)
    module = torch_module(config, module_weights, x.shape[2])
    module_x = x.clone().requires_grad_()
    sequence, result = module(module_x)
    states = module_states(config, result)
    final_states = [outputs["final_states"]] if config["bidirectional"] is None else \
        [outputs["final_states"]["forward"], outputs["final_states"]["backward"]]
    state_upstream = [upstream["final_states"]] if config["bidirectional"] is None else \
        [upstream["final_states"]["forward"], upstream["final_states"]["backward"]]
    assert_close("torch_module output", sequence.detach(), outputs["output"])
    loss = (sequence * upstream["output"]).sum()
    for direction, (ours, rs) in enumerate(zip(final_states, state_upstream)):
        for name, state in zip(STATE_NAMES[config["cell"]], states):
            assert_close(f"torch_module final {name}", state[direction].detach(), ours[name])
            loss = loss + (state[direction] * rs[name]).sum()
    loss.backward()

    assert_close("torch_module dL/dinput", module_x.grad, grads["input"])
    grad_directions = directions(config, {k: v for k, v in grads.items() if k != "input"})
    for suffix, direction_grads in grad_directions:
        for name, expected_grad in to_torch_layout(config, direction_grads, bias_hh_from_bias=True).items():
            assert_close(f"torch_module dL/d{name}{suffix}", getattr(module, f"{name}_l0{suffix}").grad,
                         expected_grad)


def packed_real_steps(x, mask):
    """Each row's real steps, in order, left-aligned; rows with none are dropped → (packed, rows, lengths)."""
    lengths = mask.sum(dim=1)
    rows = torch.nonzero(lengths > 0).flatten()
    aligned = torch.zeros(len(rows), x.shape[1], x.shape[2])
    for slot, row in enumerate(rows):
        aligned[slot, : lengths[row]] = x[row][mask[row]]
    packed = pack_padded_sequence(aligned, lengths[rows], batch_first=True, enforce_sorted=False)
    return packed, rows, lengths


def check_packed_direction(config, w, x, mask, go_backwards):
    """One direction with its mask == the module on the packed real steps in processing order."""
    sequence, state = run_direction(config, w, x, mask, go_backwards)
    processing_x, processing_mask = (x.flip(1), mask.flip(1)) if go_backwards else (x, mask)
    packed, rows, lengths = packed_real_steps(processing_x, processing_mask)
    with torch.no_grad():
        packed_output, result = torch_module(config, [("", w)], x.shape[2])(packed)
    padded_output, _ = pad_packed_sequence(packed_output, batch_first=True, total_length=x.shape[1])
    for name, ours, theirs in zip(STATE_NAMES[config["cell"]], state, module_states(config, result)):
        assert_close(f"packed final {name}", theirs[0], ours[rows])
        assert_close(f"zero-length rows keep a zero {name}", ours[lengths == 0], torch.zeros_like(ours[lengths == 0]))
    for slot, row in enumerate(rows):
        assert_close("packed outputs at real steps", padded_output[slot, : lengths[row]],
                     sequence[row][processing_mask[row]])


def check_packed_bidirectional(config, weights, x, mask, outputs):
    """Bidirectional layer == bidirectional module on packed real steps (final states, last output)."""
    packed, rows, _ = packed_real_steps(x, mask)
    with torch.no_grad():
        _, result = torch_module(config, directions(config, weights), x.shape[2])(packed)
    for name, theirs in zip(STATE_NAMES[config["cell"]], module_states(config, result)):
        for direction, key in enumerate(("forward", "backward")):
            assert_close(f"packed bidirectional {key} {name}", theirs[direction],
                         outputs["final_states"][key][name][rows])
    if not config["return_sequences"]:
        forward_h, backward_h = module_states(config, result)[0]
        concat = config["bidirectional"] == "concat"
        merged = torch.cat([forward_h, backward_h], -1) if concat else forward_h + backward_h
        assert_close("packed bidirectional output", merged, outputs["output"][rows])


def check_finite_difference(config, x, mask, weights, upstream, grads, rng):
    """Central difference of L along one random direction == <gradient, direction>."""
    parameters = [x] + leaves(weights)
    steps = [torch.from_numpy(rng.standard_normal(tuple(p.shape))) for p in parameters]
    gradients = [grads["input"]] + leaves({k: v for k, v in grads.items() if k != "input"})
    epsilon = 1e-6

    def loss_at(sign):
        moved = [p + sign * epsilon * d for p, d in zip(parameters, steps)]
        return loss_of(layer_forward(config, rebuild(weights, moved[1:]), moved[0], mask), upstream).item()

    numeric = (loss_at(1) - loss_at(-1)) / (2 * epsilon)
    analytic = sum((g * d).sum().item() for g, d in zip(gradients, steps))
    error = abs(numeric - analytic) / max(1.0, abs(analytic))
    assert error <= FINITE_DIFFERENCE_TOLERANCE, \
        f"finite_difference: expected relative agreement to {FINITE_DIFFERENCE_TOLERANCE}, got {error}"


def count_clipped_gates(config, weights, x, mask):
    seen = []

    def recording(z):
        seen.append(z.detach().flatten())
        return hard_sigmoid(z)

    run_direction(config, weights, x, mask, config["go_backwards"], sigma=recording)
    limit = 0.5 / HARD_SIGMOID_SLOPE
    return int((torch.cat(seen).abs() > limit).sum())


def run_checks(config, x, mask, weights, upstream, outputs, grads, rng):
    passed = []
    if has_torch_module(config):
        check_torch_module(config, x, weights, rng)
        passed.append("torch_module")
        for suffix, w in directions(config, weights):
            backwards = config["go_backwards"] if suffix == "" else True
            check_packed_direction(config, w, x, mask, backwards)
        passed.append("packed_sequence")
        if config["bidirectional"] is not None:
            check_packed_bidirectional(config, weights, x, mask, outputs)
            passed.append("packed_bidirectional")
    if config["recurrent_activation"] == "hard_sigmoid":
        clipped = count_clipped_gates(config, weights, x, mask)
        assert clipped > 0, "hard_sigmoid case: expected some gate pre-activations beyond the clip, got none"
        passed.append("hard_sigmoid_clipped_gates")
    check_finite_difference(config, x, mask, weights, upstream, grads, rng)
    passed.append("finite_difference")
    return passed


# ---------------------------------------------------------------- cases
def float32_tensor(rng, shape, scale=1.0, uniform=False):
    values = rng.uniform(-scale, scale, shape) if uniform else scale * rng.standard_normal(shape)
    return torch.from_numpy(values.astype(np.float32).astype(np.float64))


def mask_from_lengths(lengths, time, padding):
    steps = torch.arange(time)[None, :]
    lengths = torch.tensor(lengths)[:, None]
    return steps < lengths if padding == "post" else steps >= time - lengths


def keras_weights(rng, config, features):
    units, gates = config["units"], GATE_COUNT[config["cell"]]
    weights = {"kernel": float32_tensor(rng, (features, gates * units), 0.8, uniform=True),
               "recurrent_kernel": float32_tensor(rng, (units, gates * units), 0.8, uniform=True)}
    if config["use_bias"]:
        bias_shape = (2, gates * units) if config["reset_after"] else (gates * units,)
        weights["bias"] = float32_tensor(rng, bias_shape, 0.5, uniform=True)
    return weights


def make_case(name, cell, units, batch, time, features, *, mask=None, lengths=None, return_sequences=False,
              go_backwards=False, use_bias=True, reset_after=None, recurrent_activation="sigmoid",
              bidirectional=None, input_scale=1.0, one_hot=False):
    config = {"cell": cell, "units": units, "return_sequences": return_sequences, "go_backwards": go_backwards,
              "use_bias": use_bias, "reset_after": reset_after,
              "recurrent_activation": None if cell == "simple_rnn" else recurrent_activation,
              "bidirectional": bidirectional, "mask": mask}
    rng = np.random.default_rng(zlib.crc32(name.encode()))
    if one_hot:
        x = torch.nn.functional.one_hot(torch.from_numpy(rng.integers(features, size=(batch, time))), features).double()
    else:
        x = float32_tensor(rng, (batch, time, features), input_scale)
    mask_tensor = mask_from_lengths(lengths, time, mask) if mask else torch.ones(batch, time, dtype=torch.bool)
    if bidirectional is None:
        weights = keras_weights(rng, config, features)
    else:
        weights = {"forward": keras_weights(rng, config, features), "backward": keras_weights(rng, config, features)}
    shapes = layer_forward(config, weights, x, mask_tensor)
    upstream = tree_map(lambda t: float32_tensor(rng, tuple(t.shape)), shapes)
    outputs, grads = forward_and_grads(config, x, mask_tensor, weights, upstream)
    checks = run_checks(config, x, mask_tensor, weights, upstream, outputs, grads, rng)
    inputs = {"x": x, "mask": mask_tensor} if mask else {"x": x}
    return {"case": name, "config": config, "inputs": inputs, "weights": weights, "upstream": upstream,
            "outputs": outputs, "grads": grads, "checks": checks}


def all_cases():
    layers = [("simple_rnn", dict(cell="simple_rnn", units=5)),
              ("lstm", dict(cell="lstm", units=3)),
              ("gru", dict(cell="gru", units=4, reset_after=True)),
              ("gru_reset_before", dict(cell="gru", units=2, reset_after=False))]
    # One row fully real and one of length 1 in every masked case; a length-0 row in lstm_post_mask and
    # in gru_pre_mask.
    for prefix, layer in layers:
        yield make_case(f"{prefix}_basic", **layer, batch=3, time=5, features=4)
        yield make_case(f"{prefix}_sequences", **layer, batch=3, time=6, features=3, return_sequences=True)
        yield make_case(f"{prefix}_post_mask", **layer, batch=4, time=6, features=3, return_sequences=True,
                        mask="post", lengths=[6, 1, 0, 4] if prefix == "lstm" else [6, 1, 4, 3])
        yield make_case(f"{prefix}_pre_mask", **layer, batch=4, time=7, features=4, mask="pre",
                        lengths=[7, 1, 0, 3] if prefix == "gru" else [7, 1, 5, 3])
        yield make_case(f"{prefix}_go_backwards", **layer, batch=3, time=5, features=3, return_sequences=True,
                        go_backwards=True, mask="post", lengths=[5, 1, 3])
    yield make_case("lstm_hard_sigmoid", "lstm", 3, 3, 6, 4, return_sequences=True,
                    recurrent_activation="hard_sigmoid", input_scale=2.0)
    yield make_case("lstm_no_bias", "lstm", 4, 3, 5, 3, return_sequences=True, use_bias=False)
    # 16 units: a multiple of 16 lanes, so the fused gate kernels run (the cases above take the generic path).
    yield make_case("lstm_wide", "lstm", 16, 4, 6, 5, return_sequences=True, mask="post", lengths=[6, 1, 0, 4])
    yield make_case("gru_wide", "gru", 16, 4, 6, 5, reset_after=True, return_sequences=True, mask="pre",
                    lengths=[6, 1, 0, 4])
    # One-hot input, as the character model feeds it: the projection runs over the nonzeros only.
    yield make_case("lstm_one_hot", "lstm", 3, 4, 6, 20, mask="pre", lengths=[6, 2, 5, 3], one_hot=True)
    yield make_case("bidirectional_lstm_concat", "lstm", 3, 4, 6, 3, mask="post", lengths=[6, 1, 4, 2],
                    bidirectional="concat")
    yield make_case("bidirectional_gru_sum_sequences", "gru", 3, 3, 5, 4, return_sequences=True,
                    reset_after=True, bidirectional="sum")


# ---------------------------------------------------------------- JSON: one line per tensor
def format_float32(value):
    text = str(np.float32(value))
    assert np.float32(float(text)) == np.float32(value), f"float32 {value!r} does not round-trip through {text}"
    return text


def format_tensor(t, as_float32):
    if t.dtype == torch.bool:
        data = ", ".join(str(int(v)) for v in t.flatten().tolist())
    else:
        formatter = format_float32 if as_float32 else lambda v: repr(float(v))
        data = ", ".join(formatter(v) for v in t.flatten().tolist())
    return f'{{"shape": {json.dumps(list(t.shape))}, "data": [{data}]}}'


def format_tree(node, as_float32, indent=0):
    if torch.is_tensor(node):
        return format_tensor(node, as_float32)
    if isinstance(node, dict):
        pad = "  " * (indent + 1)
        lines = [f"{pad}{json.dumps(key)}: {format_tree(value, as_float32, indent + 1)}" for key, value in node.items()]
        return "{\n" + ",\n".join(lines) + "\n" + "  " * indent + "}"
    return json.dumps(node)


def format_fixture(fixture):
    sections = [f'  "{key}": ' + (format_tree(value, key in FLOAT32_SECTIONS, 1) if isinstance(value, dict)
                                   else json.dumps(value))
                for key, value in fixture.items()]
    return "{\n" + ",\n".join(sections) + "\n}\n"


def assert_round_trip(path, fixture):
    loaded = json.loads(path.read_text())
    for section in ("inputs", "weights", "upstream", "outputs", "grads"):
        for original, stored in zip(leaves(fixture[section]), leaves(loaded[section])):
            parsed_type = torch.float32 if section in FLOAT32_SECTIONS else torch.float64
            values = torch.tensor(stored["data"], dtype=parsed_type).to(torch.float64).reshape(stored["shape"])
            assert torch.equal(values, original.to(torch.float64)), f"{path.name}: {section} does not round-trip"


def main():
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    for stale in OUT_DIR.glob("*.json"):
        stale.unlink()
    total = 0
    for fixture in all_cases():
        path = OUT_DIR / f"{fixture['case']}.json"
        path.write_text(format_fixture(fixture))
        assert_round_trip(path, fixture)
        total += path.stat().st_size
        print(f"{path.name:45s} {path.stat().st_size:7d} bytes  checks: {', '.join(fixture['checks'])}")
    print(f"total {total} bytes in {OUT_DIR}")


if __name__ == "__main__":
    main()
