"""Golden values for NotebookRnn's Attention and AdditiveAttention layers (Keras 3 formulas), computed by PyTorch 1.13.

Writes tests/Fixtures/attention/*.json. Each case holds float32 inputs and weights, 0/1 masks (batch, steps), and,
computed in float64: the output, the attention distribution ("scores", Keras's return_attention_scores) and the
gradients of L = sum(output * R) + sum(scores * Rs) with respect to every input and weight.

Formulas (keras/src/layers/attention/attention.py, additive_attention.py):
  dot:      scores = scale * Q K^T
  concat:   scores[i, j] = w * sum_d tanh(scale * (Q[i, d] + K[j, d]))
  additive: scores[i, j] = sum_d s[d] * tanh(Q[i, d] + K[j, d])
  masked scores (value mask false, or j > i under the causal mask) get -1e9 added; A = softmax(scores, -1);
  output = A V, rows of padded query steps set to 0.
The masked softmax is also checked against a softmax taken over the real value steps only (masked weights exactly 0),
to 1e-12.

Run: /usr/bin/python3 tests/Fixtures/make_attention_fixtures.py
"""
import json
import os

import torch

torch.set_default_dtype(torch.float64)
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "attention")


def f32(shape, generator, low=-1.0, high=1.0):
    return (torch.rand(shape, generator=generator, dtype=torch.float32) * (high - low) + low).double()


def lengths_mask(lengths, steps):
    return torch.tensor([[t < n for t in range(steps)] for n in lengths])


def attention(q, v, k, mode, q_mask, v_mask, causal, scale=None, concat_weight=None, additive_scale=None):
    if mode == "dot":
        scores = q @ k.transpose(-1, -2)
        if scale is not None:
            scores = scores * scale
    elif mode == "concat":
        pre = q.unsqueeze(-2) + k.unsqueeze(-3)
        if scale is not None:
            pre = scale * pre
        scores = concat_weight * torch.tanh(pre).sum(-1)
    else:
        t = torch.tanh(q.unsqueeze(-2) + k.unsqueeze(-3))
        scores = (t * (additive_scale if additive_scale is not None else 1.0)).sum(-1)
    allowed = torch.ones(scores.shape, dtype=torch.bool)
    if v_mask is not None:
        allowed = allowed & v_mask.unsqueeze(-2)
    if causal:
        tq, tv = scores.shape[-2:]
        allowed = allowed & torch.tril(torch.ones(tq, tv, dtype=torch.bool))
    scores = torch.where(allowed, scores, scores - 1e9)
    weights = torch.softmax(scores, -1)
    # Reference: the softmax over allowed steps only.
    reference = torch.where(allowed, torch.exp(scores - scores.max(-1, keepdim=True).values), torch.zeros(()))
    reference = reference / reference.sum(-1, keepdim=True)
    assert torch.allclose(weights, reference, atol=1e-12), "masked softmax differs from the softmax over real steps"
    output = weights @ v
    if q_mask is not None:
        output = torch.where(q_mask.unsqueeze(-1), output, torch.zeros(()))
    return output, weights


def tensor_json(t):
    return {"shape": list(t.shape), "data": [float(x) for x in t.detach().reshape(-1).tolist()]}


def case(name, layer, seed, batch, tq, tv, dim, value_dim, separate_key, q_lengths, v_lengths, causal, **options):
    g = torch.Generator().manual_seed(seed)
    q = f32((batch, tq, dim), g).requires_grad_()
    v = f32((batch, tv, value_dim), g).requires_grad_()
    k = f32((batch, tv, dim), g).requires_grad_() if separate_key else None
    weights = {}
    scale = concat_weight = additive_scale = None
    if layer == "Attention" and options.get("use_scale"):
        scale = torch.tensor(float(torch.tensor(options["scale"], dtype=torch.float32)), requires_grad=True)
        weights["scale"] = scale
    if layer == "Attention" and options["score_mode"] == "concat":
        concat_weight = torch.tensor(float(torch.tensor(options["concat_score_weight"], dtype=torch.float32)), requires_grad=True)
        weights["concat_score_weight"] = concat_weight
    if layer == "AdditiveAttention" and options.get("use_scale"):
        additive_scale = f32((dim,), g).requires_grad_()
        weights["scale"] = additive_scale
    q_mask = lengths_mask(q_lengths, tq) if q_lengths is not None else None
    v_mask = lengths_mask(v_lengths, tv) if v_lengths is not None else None
    mode = options.get("score_mode", "additive") if layer == "Attention" else "additive"
    output, scores = attention(q, v, k if k is not None else v, mode, q_mask, v_mask, causal, scale, concat_weight, additive_scale)
    r = f32(output.shape, g)
    rs = f32(scores.shape, g)
    loss = (output * r).sum() + (scores * rs).sum()
    inputs = {"query": q, "value": v} | ({"key": k} if k is not None else {})
    grads = torch.autograd.grad(loss, list(inputs.values()) + list(weights.values()))
    names = list(inputs) + list(weights)
    data = {
        "layer": layer,
        "options": {key: value for key, value in options.items() if key in ("use_scale", "score_mode")},
        "causal": causal,
        "inputs": {key: tensor_json(value) for key, value in inputs.items()},
        "query_lengths": q_lengths,
        "value_lengths": v_lengths,
        "weights": {key: tensor_json(value.reshape(-1)) for key, value in weights.items()},
        "upstream": {"output": tensor_json(r), "scores": tensor_json(rs)},
        "outputs": {"output": tensor_json(output), "scores": tensor_json(scores)},
        "grads": {key: tensor_json(value) for key, value in zip(names, grads)},
    }
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, name + ".json"), "w") as f:
        json.dump(data, f, indent=1)


case("attention_dot_masked", "Attention", 1, 2, 3, 4, 3, 2, True, [3, 2], [4, 2], False, use_scale=True, scale=0.7, score_mode="dot")
case("attention_dot_causal", "Attention", 2, 2, 4, 4, 3, 3, False, None, [4, 3], True, use_scale=False, score_mode="dot")
case("attention_concat_masked", "Attention", 3, 2, 3, 4, 3, 2, True, [2, 3], [3, 4], False, use_scale=True, scale=0.8,
     score_mode="concat", concat_score_weight=1.3)
case("additive_masked", "AdditiveAttention", 4, 2, 3, 4, 3, 3, False, [3, 1], [2, 4], False, use_scale=True)
case("additive_unscaled_key", "AdditiveAttention", 5, 2, 2, 3, 2, 4, True, None, None, False, use_scale=False)
