using NotebookRnn.Devices;
using NotebookRnn.Layers;
using NotebookRnn.Models;

namespace NotebookRnn.Tests.Devices;

/// <summary>A device's run through the layers: masks must reach only layers that can use them.</summary>
public class ModelReplicaTests
{
    [Fact]
    public void A_mask_reaching_a_layer_that_cannot_use_it_is_an_error()
    {
        var model = new Sequential([new Embedding(10, 4, maskZero: true, inputLength: 3), new Flatten(), new Dense(1)]);
        var error = Assert.Throws<InvalidOperationException>(() => model.Predict(new int[,] { { 1, 2, 0 } }));
        Assert.Contains("'flatten'", error.Message);
        Assert.Contains("masking", error.Message);
    }
}
