using NotebookRnn.Models;
using TorchSharp;
using Tensor = NotebookRnn.Tensors.Tensor;

namespace TorchReference;

/// <summary>
/// Copies a NotebookRnn model's weights (Keras layouts) into the <see cref="ReferenceNet"/> of the same configuration, so that
/// both sides of a torch-backend row start from the same weights: kernels (in, gates·units) transposed to torch's
/// (gates·units, in); LSTM gates i,f,c,o are torch's i,f,g,o; GRU z,r,h reordered to torch's r,z,n, its (2, 3·units) bias split
/// into bias_ih and bias_hh; LSTM's and SimpleRNN's one bias goes to bias_ih and bias_hh is zero.
/// </summary>
internal static class KerasWeights
{
    /// <summary>Overwrites <paramref name="net"/>'s parameters with <paramref name="model"/>'s weights.</summary>
    /// <exception cref="InvalidDataException">The model's weights are not the configuration's layers.</exception>
    public static void CopyInto(Sequential model, ModelConfig c, ReferenceNet net)
    {
        IReadOnlyList<Tensor> weights = model.GetWeights();
        Dictionary<string, torch.Tensor> p = net.named_parameters().ToDictionary(x => x.name, x => (torch.Tensor)x.parameter);
        int expected = (c.Input == "ids" ? 1 : 0) + 3 + 2;
        if (weights.Count != expected)
            throw new InvalidDataException($"{c.Name}: the NotebookRnn model has {weights.Count} weights; expected {expected}.");
        int w = 0;
        using var noGrad = torch.no_grad();
        if (c.Input == "ids") Set(p["embedding.weight"], weights[w++].Span);
        string cell = c.Cell switch { "lstm" => "lstm", "gru" => "gru", _ => "rnn" };
        int gates = c.Cell switch { "lstm" => 4, "gru" => 3, _ => 1 };
        int[] order = c.Cell == "gru" ? [1, 0, 2] : [.. Enumerable.Range(0, gates)]; // torch gate g is Keras gate order[g]
        Set(p[$"{cell}.weight_ih_l0"], GateRows(weights[w++], c.Units, order));
        Set(p[$"{cell}.weight_hh_l0"], GateRows(weights[w++], c.Units, order));
        Tensor bias = weights[w++];
        int width = gates * c.Units;
        bool twoBiases = bias.Length == 2 * width;
        Set(p[$"{cell}.bias_ih_l0"], Reorder(bias.Span[..width], c.Units, order));
        Set(p[$"{cell}.bias_hh_l0"], twoBiases ? Reorder(bias.Span[width..], c.Units, order) : new float[width]);
        Set(p["dense.weight"], Transposed(weights[w++]));
        Set(p["dense.bias"], weights[w].Span);
    }

    // kernel: (in, gates·units) Keras → (gates·units, in) torch, gate blocks in torch's order.
    private static float[] GateRows(Tensor kernel, int units, int[] order) => Reorder(Transposed(kernel), units * kernel.Dim(0), order);

    // Blocks of `block` values, torch block g taken from Keras block order[g].
    private static float[] Reorder(ReadOnlySpan<float> values, int block, int[] order)
    {
        var result = new float[values.Length];
        for (int g = 0; g < order.Length; g++) values.Slice(order[g] * block, block).CopyTo(result.AsSpan(g * block));
        return result;
    }

    // (rows, columns) → (columns, rows)
    private static float[] Transposed(Tensor matrix)
    {
        int rows = matrix.Dim(0), columns = matrix.Dim(1);
        ReadOnlySpan<float> m = matrix.Span;
        var t = new float[m.Length];
        for (int r = 0; r < rows; r++)
            for (int k = 0; k < columns; k++) t[k * rows + r] = m[r * columns + k];
        return t;
    }

    private static void Set(torch.Tensor parameter, ReadOnlySpan<float> values)
    {
        if (parameter.numel() != values.Length)
            throw new InvalidDataException($"Parameter of shape ({string.Join(", ", parameter.shape)}) gets {values.Length} values.");
        parameter.data<float>().CopyFrom(values, 0, 0);
    }
}
