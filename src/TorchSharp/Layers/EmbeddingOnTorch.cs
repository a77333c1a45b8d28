using NotebookRnn.Layers;
using NotebookRnn.Tensors;
using TorchSharp;

namespace NotebookRnn.TorchSharp.Layers;

/// <summary>
/// <see cref="Embedding"/> on libtorch: row <c>ids[…]</c> of the embeddings. The ids are checked, and the mask of
/// <c>maskZero</c> made, on the host values, as the managed layer does.
/// </summary>
internal sealed class EmbeddingOnTorch(Embedding embedding, torch.Device device) : TorchLayer(embedding, device)
{
    // ids: (batch, …) → y: (batch, …, outputDim); embeddings: (inputDim, outputDim)
    public override TorchResult Forward(TorchCall call)
    {
        Tensor ids = call.HostInput(0);
        embedding.ValidateIds(ids, "input");
        using torch.Tensor indices = call.X.to(torch.int64);
        torch.Tensor rows = Weight(0).index_select(0, indices.flatten());
        long[] shape = [.. call.X.shape, embedding.OutputDim];
        return new TorchResult(rows.reshape(shape), embedding.ComputeOutputMask(ids, call.Mask));
    }
}
