using NotebookRnn.Tensors;

namespace NotebookRnn.Losses;

/// <summary>
/// How a loss turns its per-row values ℓᵣ into one number (Keras 3's <c>reduction</c>). With sample weights wᵣ and a
/// mask mᵣ ∈ {0, 1} (masked sequence steps, an ignored class):
/// <list type="bullet">
/// <item><see cref="SumOverBatchSize"/> (default) and <see cref="Mean"/>: <c>Σ wᵣ·mᵣ·ℓᵣ / N</c>, N the number of rows,
/// or the number of unmasked rows when there is a mask (0 when it is 0).</item>
/// <item><see cref="Sum"/>: <c>Σ wᵣ·mᵣ·ℓᵣ</c>.</item>
/// <item><see cref="MeanWithSampleWeight"/>: <c>Σ wᵣ·mᵣ·ℓᵣ / Σ wᵣ·mᵣ</c> (0 when the divisor is 0) — Keras 2's weighted mean,
/// and this library's rule before Keras 3's default. Without a mask the divisor is the sum of the weights as given, so a
/// single scalar weight w divides by w, as in Keras.</item>
/// <item><see cref="None"/>: no reduction; <see cref="Loss.Unreduced"/> gives the values wᵣ·mᵣ·ℓᵣ.</item>
/// </list>
/// Keras names convert implicitly: <c>reduction: "sum"</c>.
/// </summary>
public sealed class LossReduction
{
    private LossReduction(string name) => Name = name;

    /// <summary>Σ w·m·ℓ divided by the number of (unmasked) rows; Keras 3's default.</summary>
    public static LossReduction SumOverBatchSize { get; } = new("sum_over_batch_size");

    /// <summary>Σ w·m·ℓ.</summary>
    public static LossReduction Sum { get; } = new("sum");

    /// <summary>Same as <see cref="SumOverBatchSize"/> (Keras keeps both names).</summary>
    public static LossReduction Mean { get; } = new("mean");

    /// <summary>Σ w·m·ℓ / Σ w·m: the mean weighted by the sample weights (Keras 2's reduction of weighted losses).</summary>
    public static LossReduction MeanWithSampleWeight { get; } = new("mean_with_sample_weight");

    /// <summary>No reduction: one value per row (Keras <c>reduction=None</c> or <c>"none"</c>).</summary>
    public static LossReduction None { get; } = new("none");

    /// <summary>The Keras name, e.g. <c>sum_over_batch_size</c>.</summary>
    public string Name { get; }

    /// <summary>Parses a Keras reduction name: <c>sum_over_batch_size</c>, <c>sum</c>, <c>mean</c>, <c>mean_with_sample_weight</c>, <c>none</c>.</summary>
    /// <exception cref="ArgumentException">Any other name; the message lists the choices.</exception>
    public static LossReduction Parse(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return Naming.Key(name) switch
        {
            "sumoverbatchsize" => SumOverBatchSize,
            "sum" => Sum,
            "mean" => Mean,
            "meanwithsampleweight" => MeanWithSampleWeight,
            "none" => None,
            _ => throw new ArgumentException(
                $"Invalid value for argument reduction: expected one of sum_over_batch_size, sum, mean, mean_with_sample_weight, none; " +
                $"got \"{name}\".", "reduction"),
        };
    }

    /// <summary>Same as <see cref="Parse"/>.</summary>
    public static implicit operator LossReduction(string name) => Parse(name);

    /// <summary>Whether the reduced loss is divided by a count or a weight sum, so shares of a batch combine as a weighted mean.</summary>
    internal bool Divides => this != Sum && this != None;

    /// <inheritdoc/>
    public override string ToString() => Name;
}
