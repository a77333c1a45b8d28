using TorchSharp;
using static TorchSharp.torch;

namespace TorchReference;

/// <summary>
/// Plain TorchSharp Predict passes of a configuration: the packed <see cref="ReferenceNet"/> in eval mode over all its
/// batches under inference_mode, each batch's tensors freed at once. Batches and net live in one dispose scope, freed with
/// this object.
/// </summary>
internal sealed class PlainPrediction : IDisposable
{
    private readonly DisposeScope _configuration;
    private readonly ReferenceBatch[] _batches;
    private readonly ReferenceNet _model;

    /// <param name="initialize">Overwrites the net's initial weights (the torch-backend rows give it NotebookRnn's), or null.</param>
    public PlainPrediction(ModelConfig c, uint checksum, Action<ReferenceNet>? initialize = null)
    {
        _configuration = NewDisposeScope();
        manual_seed(42);
        _batches = SyntheticData.Generate(c, checksum);
        _model = new ReferenceNet(c, packed: true);
        initialize?.Invoke(_model);
        _model.eval();
    }

    /// <summary>The batches of one pass.</summary>
    public int Batches => _batches.Length;

    /// <summary>One pass: the logits of every batch.</summary>
    public void Pass()
    {
        using IDisposable inference = inference_mode();
        foreach (ReferenceBatch batch in _batches)
        {
            using DisposeScope scope = NewDisposeScope();
            _model.call(batch.Inputs, batch.Lengths);
        }
    }

    public void Dispose()
    {
        _model.Dispose();
        _configuration.Dispose();
    }
}
