using NotebookRnn.Layers;
using NotebookRnn.Layers.Reshaping;
using NotebookRnn.Models;
using NotebookRnn.Optimizers;

namespace NotebookRnn.TorchSharp.Tests.Layers.Reshaping;

public class RepeatVectorOnTorchTests
{
    [Fact]
    public void RepeatVector_gives_the_same_outputs_and_step_on_both_backends()
    {
        var models = new BackendComparison(() => new Sequential([new Dense(3, "tanh", inputShape: [4]), new RepeatVector(3), new Dense(2)], seed: 3),
            () => new Adam(0.01), "mse");
        models.AssertSameStep(TestData.Uniform(1, 5, 4), TestData.Uniform(2, 5, 3, 2));
    }
}
