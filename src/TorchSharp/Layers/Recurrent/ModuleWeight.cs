using NotebookRnn.Layers;
using NotebookRnn.TorchSharp.Tensors;
using TorchSharp;
using TorchParameter = TorchSharp.Modules.Parameter;

namespace NotebookRnn.TorchSharp.Layers.Recurrent;

/// <summary>
/// A Keras gate weight as a libtorch recurrent module's parameter. Keras keeps the G gates side by side in columns,
/// <c>(rows, G·units)</c>; libtorch keeps them stacked in rows, <c>(G·units, rows)</c>, possibly in another gate order:
/// <c>module[k·units + j, c] = keras[c, order[k]·units + j]</c>. A bias is the case rows = 1. Values go to the module
/// before each forward pass, and the module's gradient comes back, mapped the other way, added into the
/// <see cref="Parameter.Gradient"/>.
/// </summary>
internal sealed class ModuleWeight
{
    private readonly Parameter _keras;
    private readonly TorchParameter _module;
    private readonly int _offset, _rows, _units;
    private readonly int[] _order;
    private readonly float[] _host;

    /// <summary>Maps <paramref name="keras"/> (from element <paramref name="offset"/>, <paramref name="rows"/> rows) to <paramref name="module"/>.</summary>
    /// <param name="keras">The Keras weight.</param>
    /// <param name="module">The module's parameter, (G·units, rows) or (G·units) for a bias.</param>
    /// <param name="rows">Rows of the Keras matrix (features, units, or 1 for a bias).</param>
    /// <param name="units">Units per gate.</param>
    /// <param name="order">For each libtorch gate k, the Keras gate it is.</param>
    /// <param name="offset">Where the matrix starts in the Keras weight (a GRU bias's second row starts at 3·units).</param>
    public ModuleWeight(Parameter keras, TorchParameter module, int rows, int units, int[] order, int offset = 0)
    {
        (_keras, _module, _rows, _units, _order, _offset) = (keras, module, rows, units, order, offset);
        _host = new float[rows * units * order.Length];
        if (module.numel() != _host.Length)
            throw new ArgumentException($"Expected a module parameter of {_host.Length} values, got {module.numel()} ({string.Join(" × ", module.shape)}).", nameof(module));
    }

    // host[(k·u + j)·rows + c] ↔ keras[offset + c·G·u + order[k]·u + j]
    private void Map(bool toModule)
    {
        Span<float> keras = (toModule ? _keras.Value : _keras.Gradient).Span;
        int u = _units, width = _order.Length * u;
        for (int k = 0; k < _order.Length; k++)
            for (int j = 0; j < u; j++)
            {
                int row = (k * u + j) * _rows, column = _offset + _order[k] * u + j;
                for (int c = 0; c < _rows; c++)
                {
                    if (toModule) _host[row + c] = keras[column + c * width];
                    else keras[column + c * width] += _host[row + c];
                }
            }
    }

    /// <summary>Copies the Keras weight's values into the module's parameter (before a forward pass).</summary>
    public void Upload()
    {
        Map(toModule: true);
        TorchTransfer.Overwrite(_module, _host);
        if (_module.requires_grad != _keras.Trainable) _module.requires_grad = _keras.Trainable;
    }

    /// <summary>Adds the module parameter's gradient into the Keras weight's, and zeroes it (after a backward pass).</summary>
    public void AddGradient()
    {
        using torch.Tensor? gradient = _module.grad;
        if (gradient is null) return;
        TorchTransfer.ToHost(gradient, _host);
        Map(toModule: false);
        gradient.zero_();
    }
}
