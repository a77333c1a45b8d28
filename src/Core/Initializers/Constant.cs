using NotebookRnn.Tensors;

namespace NotebookRnn.Initializers;

/// <summary>Keras <c>Constant</c>: every value is <see cref="Value"/> (default 0).</summary>
public sealed class Constant : Initializer
{
    /// <summary>Creates the initializer.</summary>
    /// <param name="value">The value of every weight entry; default 0.</param>
    public Constant(float value = 0) => Value = value;

    /// <summary>The value of every entry.</summary>
    public float Value { get; }

    /// <inheritdoc/>
    public override string Name => "constant";

    /// <inheritdoc/>
    public override IReadOnlyDictionary<string, object?> GetConfig() => new Dictionary<string, object?> { ["value"] = Value };

    /// <inheritdoc/>
    public override void Fill(Span<float> values, IReadOnlyList<int> shape, RandomGenerator random) => values.Fill(Value);
}
