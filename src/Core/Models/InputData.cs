using NotebookRnn.Tensors;

namespace NotebookRnn.Models;

/// <summary>
/// The data of one model input, for <c>Fit</c>, <c>Evaluate</c> and <c>Predict</c> of a model with several inputs: a
/// tensor (samples, …input shape), token-id sequences of different lengths (<c>int[][]</c>), or feature-vector sequences
/// of different lengths (<c>float[][][]</c>). Written as the value itself; the conversion is implicit:
/// <code>model.Fit([encoderTokens, decoderTokens], [decoderTargets])</code>
/// </summary>
/// <remarks>
/// When an input is ragged, batches are formed by length (as for one ragged input) and every ragged input of a batch is
/// padded to its own longest sequence there and carries its own mask.
/// </remarks>
public sealed class InputData
{
    private InputData(Tensor? tensor, int[][]? tokens, float[][][]? vectors) => (Tensor, Tokens, Vectors) = (tensor, tokens, vectors);

    /// <summary>The samples as a tensor (samples, …), or null.</summary>
    public Tensor? Tensor { get; }

    /// <summary>Token-id sequences, one array per sample, or null.</summary>
    public int[][]? Tokens { get; }

    /// <summary>Feature-vector sequences, one array of vectors per sample, or null.</summary>
    public float[][][]? Vectors { get; }

    /// <summary>Whether the samples are sequences of their own lengths.</summary>
    public bool IsRagged => Tensor is null;

    /// <summary>A tensor input, (samples, …input shape).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="samples"/> is null.</exception>
    public static implicit operator InputData(Tensor samples) => new(samples ?? throw new ArgumentNullException(nameof(samples)), null, null);

    /// <summary>Token-id sequences of different lengths; sequences may be empty.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="sequences"/> is null.</exception>
    public static implicit operator InputData(int[][] sequences) => new(null, sequences ?? throw new ArgumentNullException(nameof(sequences)), null);

    /// <summary>Feature-vector sequences of different lengths, every vector the same size; sequences may be empty.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="sequences"/> is null.</exception>
    public static implicit operator InputData(float[][][] sequences) => new(null, null, sequences ?? throw new ArgumentNullException(nameof(sequences)));

    /// <summary>The number of samples.</summary>
    public int Count => Tensor is not null ? (Tensor.Rank == 0 ? 0 : Tensor.Dim(0)) : Tokens?.Length ?? Vectors!.Length;

    /// <inheritdoc/>
    public override string ToString() =>
        Tensor is not null ? Tensor.ShapeText(Tensor.Shape) : Tokens is not null ? $"{Tokens.Length} token sequences" : $"{Vectors!.Length} vector sequences";
}
