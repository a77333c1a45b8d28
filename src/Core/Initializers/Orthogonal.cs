using NotebookRnn.Tensors;

namespace NotebookRnn.Initializers;

/// <summary>
/// A random orthogonal matrix (Keras <c>Orthogonal</c>, the default recurrent initializer): the weight is seen as
/// (product of leading axes, last axis); a normal matrix of the taller orientation is orthonormalised (QR with a
/// positive diagonal of R) and scaled by <see cref="Gain"/>, so rows or columns — whichever are fewer — are
/// orthonormal.
/// </summary>
public sealed class Orthogonal : Initializer
{
    /// <summary>Creates the initializer.</summary>
    /// <param name="gain">Multiplier of the orthogonal matrix; default 1.</param>
    /// <param name="seed">Seed of the initializer's own stream: every call gives the same values. Default: the layer's stream.</param>
    public Orthogonal(float gain = 1, long? seed = null)
    {
        Gain = gain;
        Seed = seed;
    }

    /// <summary>Multiplier applied to the orthogonal matrix.</summary>
    public float Gain { get; }

    /// <summary>Seed of the initializer's own stream, or <c>null</c> to draw from the layer's.</summary>
    public long? Seed { get; }

    /// <inheritdoc/>
    public override string Name => "orthogonal";

    /// <inheritdoc/>
    public override IReadOnlyDictionary<string, object?> GetConfig() => new Dictionary<string, object?> { ["gain"] = Gain, ["seed"] = Seed };

    /// <inheritdoc/>
    public override void Fill(Span<float> values, IReadOnlyList<int> shape, RandomGenerator random)
    {
        if (values.Length == 0) return;
        random = StreamFor(Seed, random);
        int columns = shape.Count == 0 ? 1 : shape[^1];
        int rows = values.Length / columns;
        int tall = Math.Max(rows, columns), narrow = Math.Min(rows, columns);
        var q = new double[tall, narrow];
        for (int i = 0; i < tall; i++)
            for (int j = 0; j < narrow; j++)
                q[i, j] = random.NextGaussian();
        Orthonormalise(q);
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < columns; c++)
                values[r * columns + c] = (float)(Gain * (rows >= columns ? q[r, c] : q[c, r]));
    }

    // Modified Gram–Schmidt in double precision, run twice for orthogonality to rounding level; equals the Q of a
    // QR decomposition whose R has a positive diagonal.
    private static void Orthonormalise(double[,] q)
    {
        int tall = q.GetLength(0), narrow = q.GetLength(1);
        for (int pass = 0; pass < 2; pass++)
        {
            for (int j = 0; j < narrow; j++)
            {
                for (int k = 0; k < j; k++)
                {
                    double dot = 0;
                    for (int i = 0; i < tall; i++) dot += q[i, k] * q[i, j];
                    for (int i = 0; i < tall; i++) q[i, j] -= dot * q[i, k];
                }
                double norm = 0;
                for (int i = 0; i < tall; i++) norm += q[i, j] * q[i, j];
                norm = Math.Sqrt(norm);
                for (int i = 0; i < tall; i++) q[i, j] /= norm;
            }
        }
    }
}
