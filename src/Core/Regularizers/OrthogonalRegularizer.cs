using NotebookRnn.Tensors;

namespace NotebookRnn.Regularizers;

/// <summary>
/// Keras <c>OrthogonalRegularizer</c>: with u₁ … uₙ the L2-normalised rows (or columns) of a 2-D weight,
/// penalty = factor · ½ · Σ_{i≠j} |uᵢ·uⱼ| / (n(n−1)/2), the factor times the mean |cosine| between distinct vectors.
/// Gradient: ∂/∂vᵢ = (I − uᵢuᵢᵀ)/‖vᵢ‖ · c · Σ_{j≠i} sign(uᵢ·uⱼ) uⱼ with c = factor / (n(n−1)/2).
/// </summary>
public sealed class OrthogonalRegularizer : Regularizer
{
    /// <summary>Creates the regularizer (Keras defaults 0.01 and rows).</summary>
    /// <param name="factor">A finite number ≥ 0.</param>
    /// <param name="mode">Whether rows or columns are pushed apart.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="factor"/> is negative, infinite or NaN.</exception>
    public OrthogonalRegularizer(double factor = 0.01, OrthogonalMode mode = OrthogonalMode.Rows)
    {
        Factor = CheckFactor(factor, nameof(factor));
        Mode = mode;
    }

    /// <summary>The factor.</summary>
    public double Factor { get; }

    /// <summary>Whether rows or columns are pushed apart.</summary>
    public OrthogonalMode Mode { get; }

    /// <inheritdoc/>
    public override string Name => "orthogonal_regularizer";

    /// <inheritdoc/>
    public override IReadOnlyDictionary<string, object?> GetConfig() =>
        new Dictionary<string, object?> { ["factor"] = Factor, ["mode"] = Mode == OrthogonalMode.Rows ? "rows" : "columns" };

    /// <inheritdoc/>
    /// <exception cref="ArgumentException">The shape is not 2-D.</exception>
    public override double Penalty(ReadOnlySpan<float> values, IReadOnlyList<int> shape)
    {
        double[,] u = Normalised(values, shape, out _);
        int n = u.GetLength(0);
        if (n < 2) return 0;
        double sum = 0;
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                if (i != j) sum += Math.Abs(Dot(u, i, j));
        return Factor * 0.5 * sum / (n * (n - 1) / 2.0);
    }

    /// <inheritdoc/>
    /// <exception cref="ArgumentException">The shape is not 2-D, or the spans differ in length.</exception>
    public override void AddGradient(ReadOnlySpan<float> values, IReadOnlyList<int> shape, Span<float> gradient, float scale = 1)
    {
        CheckLengths(values, gradient);
        double[,] u = Normalised(values, shape, out double[] norms);
        int n = u.GetLength(0), length = u.GetLength(1);
        if (n < 2) return;
        double c = scale * Factor / (n * (n - 1) / 2.0);
        var du = new double[length];
        for (int i = 0; i < n; i++)
        {
            if (norms[i] == 0) continue;
            Array.Clear(du);
            for (int j = 0; j < n; j++)
            {
                double sign = i == j ? 0 : Math.Sign(Dot(u, i, j));
                for (int k = 0; k < length; k++) du[k] += c * sign * u[j, k];
            }
            double along = 0;
            for (int k = 0; k < length; k++) along += du[k] * u[i, k];
            for (int k = 0; k < length; k++) gradient[Index(shape, i, k)] += (float)((du[k] - along * u[i, k]) / norms[i]);
        }
    }

    /// <summary>Keras's <c>mode</c> string: <c>rows</c> or <c>columns</c>.</summary>
    /// <exception cref="ArgumentException">Another string.</exception>
    internal static OrthogonalMode ParseMode(string mode) => mode switch
    {
        "rows" => OrthogonalMode.Rows,
        "columns" => OrthogonalMode.Columns,
        _ => throw new ArgumentException($"Invalid value for argument mode: expected one of \"rows\", \"columns\", got \"{mode}\".", nameof(mode)),
    };

    // The vectors (rows or columns) as rows of a double matrix, each divided by its norm; norms[i] is 0 for a zero vector.
    private double[,] Normalised(ReadOnlySpan<float> values, IReadOnlyList<int> shape, out double[] norms)
    {
        if (shape.Count != 2)
            throw new ArgumentException($"Inputs to OrthogonalRegularizer must have rank 2, got shape {Tensor.ShapeText(shape)}.", nameof(shape));
        int n = Mode == OrthogonalMode.Rows ? shape[0] : shape[1], length = Mode == OrthogonalMode.Rows ? shape[1] : shape[0];
        var u = new double[n, length];
        norms = new double[n];
        for (int i = 0; i < n; i++)
        {
            double squares = 0;
            for (int k = 0; k < length; k++) squares += (double)values[Index(shape, i, k)] * values[Index(shape, i, k)];
            norms[i] = Math.Sqrt(squares);
            for (int k = 0; k < length; k++) u[i, k] = norms[i] == 0 ? 0 : values[Index(shape, i, k)] / norms[i];
        }
        return u;
    }

    private int Index(IReadOnlyList<int> shape, int vector, int k) => Mode == OrthogonalMode.Rows ? vector * shape[1] + k : k * shape[1] + vector;

    private static double Dot(double[,] u, int i, int j)
    {
        double dot = 0;
        for (int k = 0; k < u.GetLength(1); k++) dot += u[i, k] * u[j, k];
        return dot;
    }
}
