using NotebookRnn.Models;
using NotebookRnn.TorchSharp;
using TorchSharp;
using Tensor = NotebookRnn.Tensors.Tensor;

namespace TorchReference;

/// <summary>
/// The "ours on libtorch" side of a torch-backend row: the configuration's NotebookRnn model (<see cref="OurModels"/>) compiled
/// with <c>backend: TorchBackend.Instance</c>, timed as a user runs it (<c>TrainOnBatch</c> per batch, <c>Predict(x,
/// batchSize)</c> per pass) on the batches the plain TorchSharp side gets.
/// </summary>
internal static class OursOnTorch
{
    /// <summary>One TrainOnBatch on batch i (mod the distinct batches), returning its loss; <paramref name="model"/> from <see cref="Build"/>.</summary>
    public static Func<int, double> TrainingStep(ModelConfig c, uint checksum, Sequential model)
    {
        (Tensor[] xs, Tensor[] ys) = Batches(c, checksum);
        return i => model.TrainOnBatch(xs[i % xs.Length], ys[i % ys.Length]).Loss;
    }

    /// <summary>One pass: Predict over all the configuration's batches in one call, batchSize the configuration's batch.</summary>
    public static Action PredictionPass(ModelConfig c, uint checksum, Sequential model)
    {
        (Tensor[] xs, _) = Batches(c, checksum);
        Tensor x = Concatenate(xs);
        return () => model.Predict(x, batchSize: c.Batch);
    }

    /// <summary>The configuration's model on libtorch, its initial weights those NotebookRnn's seed 42 gives.</summary>
    public static Sequential Build(ModelConfig c) => OurModels.Build(c, TorchBackend.Instance);

    // The plain side's batches as NotebookRnn tensors: one-hot floats or ids as floats; one-hot (batch, classes) targets for a
    // softmax output, 0/1 (batch, 1) for a sigmoid one.
    private static (Tensor[] Inputs, Tensor[] Targets) Batches(ModelConfig c, uint checksum)
    {
        using DisposeScope scope = torch.NewDisposeScope();
        ReferenceBatch[] batches = SyntheticData.Generate(c, checksum);
        Tensor[] xs = [.. batches.Select(b => Host(b.Inputs.to_type(torch.float32)))];
        Tensor[] ys = [.. batches.Select(b => c.Outputs == 1
            ? Host(b.Targets)
            : Host(torch.nn.functional.one_hot(b.Targets, c.Outputs).to_type(torch.float32)))];
        return (xs, ys);
    }

    private static Tensor Host(torch.Tensor value)
    {
        var host = new Tensor([.. value.shape.Select(d => checked((int)d))]);
        value.contiguous().data<float>().CopyTo(host.Span, 0, 0);
        return host;
    }

    // The parts one after another along the sample axis.
    private static Tensor Concatenate(Tensor[] parts)
    {
        var all = new Tensor([parts.Sum(p => p.Dim(0)), .. parts[0].Shape.Skip(1)]);
        int offset = 0;
        foreach (Tensor part in parts)
        {
            part.Span.CopyTo(all.Span[offset..]);
            offset += part.Length;
        }
        return all;
    }
}
