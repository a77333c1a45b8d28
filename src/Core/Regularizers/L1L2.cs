using NotebookRnn.Kernels;

namespace NotebookRnn.Regularizers;

/// <summary>Keras <c>L1L2</c>: penalty = l1 · Σ|x| + l2 · Σx²; gradient l1 · sign(x) + 2 · l2 · x (sign(0) = 0).</summary>
public sealed class L1L2 : Regularizer
{
    /// <summary>Creates the regularizer (Keras defaults 0 and 0).</summary>
    /// <param name="l1">Factor of Σ|x|, a finite number ≥ 0.</param>
    /// <param name="l2">Factor of Σx², a finite number ≥ 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">A factor is negative, infinite or NaN.</exception>
    public L1L2(double l1 = 0, double l2 = 0)
    {
        L1 = CheckFactor(l1, nameof(l1));
        L2 = CheckFactor(l2, nameof(l2));
    }

    /// <summary>Factor of Σ|x|.</summary>
    public double L1 { get; }

    /// <summary>Factor of Σx².</summary>
    public double L2 { get; }

    /// <inheritdoc/>
    public override string Name => "l1_l2";

    /// <inheritdoc/>
    public override IReadOnlyDictionary<string, object?> GetConfig() => new Dictionary<string, object?> { ["l1"] = L1, ["l2"] = L2 };

    /// <inheritdoc/>
    public override double Penalty(ReadOnlySpan<float> values, IReadOnlyList<int> shape) => PenaltyOf(values, L1, L2);

    /// <inheritdoc/>
    public override void AddGradient(ReadOnlySpan<float> values, IReadOnlyList<int> shape, Span<float> gradient, float scale = 1) =>
        AddGradientOf(values, gradient, scale * L1, scale * L2);

    /// <summary>l1 · Σ|x| + l2 · Σx², summed in double.</summary>
    internal static double PenaltyOf(ReadOnlySpan<float> values, double l1, double l2)
    {
        double absolute = 0, squares = 0;
        foreach (float x in values)
        {
            absolute += Math.Abs(x);
            squares += (double)x * x;
        }
        return l1 * absolute + l2 * squares;
    }

    /// <summary>gradient += l1 · sign(x) + 2 · l2 · x.</summary>
    internal static void AddGradientOf(ReadOnlySpan<float> values, Span<float> gradient, double l1, double l2)
    {
        CheckLengths(values, gradient);
        if (l2 != 0) ElementwiseKernels.MultiplyAdd(values, (float)(2 * l2), gradient, gradient);
        if (l1 == 0) return;
        float factor = (float)l1;
        for (int i = 0; i < values.Length; i++) gradient[i] += factor * MathF.Sign(values[i]);
    }
}
