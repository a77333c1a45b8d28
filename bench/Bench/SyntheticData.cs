using NotebookRnn;
using NotebookRnn.Data;
using NotebookRnn.Kernels;
using NotebookRnn.Persistence;
using NotebookRnn.Tensors;

namespace Bench;

/// <summary>
/// The 32-bit LCG both sides use (x ← 1664525·x + 1013904223 mod 2³², draw = (x &gt;&gt; 8) mod bound), so the C# bench and
/// pytorch_reference.py train on the very same tokens, lengths and targets.
/// </summary>
internal sealed class Lcg(uint seed)
{
    private uint _state = seed;

    public int Next(int bound)
    {
        _state = unchecked(_state * 1664525u + 1013904223u);
        return (int)((_state >> 8) % (uint)bound);
    }
}

/// <summary>One batch as integers: real lengths, tokens (batch × steps, −1 at padding) and class targets.</summary>
internal sealed record SyntheticBatch(int[] Lengths, int[] Tokens, int[] Targets)
{
    /// <summary>
    /// Draws <c>config.DistinctBatches</c> batches. Per batch, in this order: the lengths, the tokens of each row (row-major,
    /// real steps only: a class in [0, features) for one-hot input, a word id in [1, vocab) for ids), then the targets.
    /// </summary>
    public static SyntheticBatch[] Generate(ModelConfig config)
    {
        var random = new Lcg(config.Seed);
        var batches = new SyntheticBatch[config.DistinctBatches];
        for (int i = 0; i < batches.Length; i++)
        {
            int[] lengths = DrawLengths(config, random);
            var tokens = new int[config.Batch * config.Steps];
            Array.Fill(tokens, -1);
            for (int b = 0; b < config.Batch; b++)
                for (int t = 0; t < lengths[b]; t++)
                    tokens[b * config.Steps + t] = config.Input == "ids" ? 1 + random.Next(config.Vocab - 1) : random.Next(config.Features);
            var targets = new int[config.Batch];
            for (int b = 0; b < targets.Length; b++) targets[b] = random.Next(Math.Max(2, config.Outputs));
            batches[i] = new SyntheticBatch(lengths, tokens, targets);
        }
        return batches;
    }

    private static int[] DrawLengths(ModelConfig config, Lcg random)
    {
        int batch = config.Batch, lo = config.LengthMin, hi = config.LengthMax;
        var lengths = new int[batch];
        switch (config.LengthMode)
        {
            case "full":
                Array.Fill(lengths, config.Steps);
                break;
            case "uniform":
                for (int b = 0; b < batch; b++) lengths[b] = lo + random.Next(hi - lo + 1);
                break;
            case "spread":
                // Evenly from lo to hi (rounded half up), then a Fisher–Yates shuffle so long and short rows interleave.
                for (int b = 0; b < batch; b++) lengths[b] = batch == 1 ? hi : lo + ((hi - lo) * b * 2 + batch - 1) / (2 * (batch - 1));
                for (int b = batch - 1; b > 0; b--)
                {
                    int j = random.Next(b + 1);
                    (lengths[b], lengths[j]) = (lengths[j], lengths[b]);
                }
                break;
            default:
                throw new ArgumentException($"Unknown length mode \"{config.LengthMode}\"; expected full, uniform or spread.", nameof(config));
        }
        return lengths;
    }

    /// <summary>h ← 31·h + v + 2 (mod 2³²) over every batch's lengths, tokens and targets, in that order.</summary>
    public static uint Checksum(IEnumerable<SyntheticBatch> batches)
    {
        uint h = 0;
        foreach (SyntheticBatch batch in batches)
            foreach (int v in batch.Lengths.Concat(batch.Tokens).Concat(batch.Targets))
                h = unchecked(h * 31 + (uint)(v + 2));
        return h;
    }

    /// <summary>Fraction of the batch's steps that are real.</summary>
    public double RealFraction(int steps) => Lengths.Sum() / (double)(Lengths.Length * steps);

    /// <summary>Model input: one-hot (batch, steps, features), all-zero at padding; or ids (batch, steps), 0 at padding.</summary>
    public Tensor Inputs(ModelConfig config)
    {
        bool ids = config.Input == "ids";
        var x = ids ? new Tensor(config.Batch, config.Steps) : new Tensor(config.Batch, config.Steps, config.Features);
        Span<float> values = x.Span;
        for (int i = 0; i < Tokens.Length; i++)
        {
            if (Tokens[i] < 0) continue;
            if (ids) values[i] = Tokens[i];
            else values[i * config.Features + Tokens[i]] = 1;
        }
        return x;
    }

    /// <summary>Targets: one-hot (batch, classes) for softmax outputs, 0/1 (batch, 1) for a sigmoid output.</summary>
    public Tensor TargetTensor(ModelConfig config)
    {
        var y = new Tensor(config.Batch, config.Outputs);
        for (int b = 0; b < config.Batch; b++)
        {
            if (config.Outputs == 1) y.Span[b] = Targets[b];
            else y.Span[b * config.Outputs + Targets[b]] = 1;
        }
        return y;
    }
}
