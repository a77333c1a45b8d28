using TorchSharp;
using static TorchSharp.torch;

namespace TorchReference;

/// <summary>
/// Plain TorchSharp training of a configuration, one step at a time, as pytorch_reference.py does it: zero_grad, forward,
/// cross_entropy or binary_cross_entropy_with_logits, backward, the optimizer's step. The batches, the net and the optimizer
/// state live in one dispose scope, freed with this object; each step's tensors in their own, freed at once.
/// </summary>
internal sealed class PlainTraining : IDisposable
{
    private readonly DisposeScope _configuration;
    private readonly ModelConfig _config;
    private readonly ReferenceBatch[] _batches;
    private readonly ReferenceNet _model;
    private readonly optim.Optimizer _optimizer;

    /// <param name="initialize">Overwrites the net's initial weights (the torch-backend rows give it NotebookRnn's), or null.</param>
    public PlainTraining(ModelConfig c, uint checksum, bool packed, Action<ReferenceNet>? initialize = null)
    {
        _configuration = NewDisposeScope();
        _config = c;
        manual_seed(42);
        _batches = SyntheticData.Generate(c, checksum);
        _model = new ReferenceNet(c, packed);
        initialize?.Invoke(_model);
        _optimizer = Timings.Optimizer(c, _model);
    }

    /// <summary>One training step on batch <paramref name="i"/> (mod the distinct batches); returns its loss.</summary>
    public double Step(int i)
    {
        using DisposeScope scope = NewDisposeScope();
        ReferenceBatch batch = _batches[i % _batches.Length];
        _optimizer.zero_grad();
        Tensor logits = _model.call(batch.Inputs, batch.Lengths);
        Tensor loss = _config.Outputs == 1
            ? nn.functional.binary_cross_entropy_with_logits(logits, batch.Targets)
            : nn.functional.cross_entropy(logits, batch.Targets);
        loss.backward();
        _optimizer.step();
        return loss.item<float>();
    }

    public void Dispose()
    {
        _optimizer.Dispose();
        _model.Dispose();
        _configuration.Dispose();
    }
}
