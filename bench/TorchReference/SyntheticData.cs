using static TorchSharp.torch;

namespace TorchReference;

/// <summary>The bench's 32-bit LCG: x ← 1664525·x + 1013904223 mod 2³², draw = (x &gt;&gt; 8) mod bound.</summary>
internal sealed class Lcg(uint seed)
{
    private uint _state = seed;

    public int Next(int bound)
    {
        _state = unchecked(_state * 1664525u + 1013904223u);
        return (int)((_state >> 8) % (uint)bound);
    }
}

/// <summary>One batch as tensors: input (one-hot float or int64 ids, post-padded), int64 lengths, and targets.</summary>
internal sealed record ReferenceBatch(Tensor Inputs, Tensor Lengths, Tensor Targets);

/// <summary>
/// The same batches as the C# bench's SyntheticBatch.Generate and pytorch_reference.py's generate: per batch the lengths,
/// then the tokens row by row (real steps only), then the targets, all from one LCG; checked against the plan's checksum.
/// </summary>
internal static class SyntheticData
{
    public static ReferenceBatch[] Generate(ModelConfig c, uint expectedChecksum)
    {
        var random = new Lcg(c.Seed);
        var raw = new List<(int[] Lengths, int[] Tokens, int[] Targets)>();
        for (int i = 0; i < c.DistinctBatches; i++)
        {
            int[] lengths = DrawLengths(c, random);
            var tokens = new int[c.Batch * c.Steps];
            Array.Fill(tokens, -1);
            for (int b = 0; b < c.Batch; b++)
                for (int t = 0; t < lengths[b]; t++)
                    tokens[b * c.Steps + t] = c.Input == "ids" ? 1 + random.Next(c.Vocab - 1) : random.Next(c.Features);
            var targets = new int[c.Batch];
            for (int b = 0; b < targets.Length; b++) targets[b] = random.Next(Math.Max(2, c.Outputs));
            raw.Add((lengths, tokens, targets));
        }
        uint checksum = Checksum(raw);
        if (checksum != expectedChecksum)
            throw new InvalidDataException($"{c.Name}: synthetic data checksum {checksum} differs from the C# bench's {expectedChecksum}.");
        return [.. raw.Select(r => ToTensors(c, r.Lengths, r.Tokens, r.Targets))];
    }

    private static int[] DrawLengths(ModelConfig c, Lcg random)
    {
        int batch = c.Batch, lo = c.LengthMin, hi = c.LengthMax;
        var lengths = new int[batch];
        switch (c.LengthMode)
        {
            case "full":
                Array.Fill(lengths, c.Steps);
                break;
            case "uniform":
                for (int b = 0; b < batch; b++) lengths[b] = lo + random.Next(hi - lo + 1);
                break;
            case "spread":
                for (int b = 0; b < batch; b++) lengths[b] = batch == 1 ? hi : lo + ((hi - lo) * b * 2 + batch - 1) / (2 * (batch - 1));
                for (int b = batch - 1; b > 0; b--)
                {
                    int j = random.Next(b + 1);
                    (lengths[b], lengths[j]) = (lengths[j], lengths[b]);
                }
                break;
            default:
                throw new ArgumentException($"Unknown length mode \"{c.LengthMode}\"; expected full, uniform or spread.", nameof(c));
        }
        return lengths;
    }

    /// <summary>h ← 31·h + v + 2 (mod 2³²) over every batch's lengths, tokens and targets, in that order.</summary>
    private static uint Checksum(IEnumerable<(int[] Lengths, int[] Tokens, int[] Targets)> batches)
    {
        uint h = 0;
        foreach (var (lengths, tokens, targets) in batches)
            foreach (int v in lengths.Concat(tokens).Concat(targets))
                h = unchecked(h * 31 + (uint)(v + 2));
        return h;
    }

    private static ReferenceBatch ToTensors(ModelConfig c, int[] lengths, int[] tokens, int[] targets)
    {
        Tensor inputs;
        if (c.Input == "ids")
        {
            inputs = tensor(tokens.Select(t => (long)Math.Max(t, 0)).ToArray(), [c.Batch, c.Steps]); // padding id 0
        }
        else
        {
            var oneHot = new float[c.Batch * c.Steps * c.Features]; // padding steps stay all-zero
            for (int i = 0; i < tokens.Length; i++)
                if (tokens[i] >= 0) oneHot[i * c.Features + tokens[i]] = 1;
            inputs = tensor(oneHot, [c.Batch, c.Steps, c.Features]);
        }
        Tensor y = c.Outputs == 1
            ? tensor(targets.Select(t => (float)t).ToArray(), [c.Batch, 1])
            : tensor(targets.Select(t => (long)t).ToArray(), [c.Batch]);
        return new ReferenceBatch(inputs, tensor(lengths.Select(l => (long)l).ToArray(), [c.Batch]), y);
    }
}
