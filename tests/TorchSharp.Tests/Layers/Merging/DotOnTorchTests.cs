using NotebookRnn.Layers;
using NotebookRnn.Layers.Functional;
using NotebookRnn.Layers.Merging;
using NotebookRnn.Models;
using NotebookRnn.Optimizers;

namespace NotebookRnn.TorchSharp.Tests.Layers.Merging;

public class DotOnTorchTests
{
    private static void Compile(Model model, NotebookRnn.Devices.Backend? backend) => model.Compile(new Adam(0.01), "mse", backend: backend);

    [Theory]
    [InlineData(new[] { 2, 2 }, new[] { 3, 4 }, new[] { 5, 4 }, false)]
    [InlineData(new[] { 2, 2 }, new[] { 3, 4 }, new[] { 5, 4 }, true)]
    [InlineData(new[] { 1 }, new[] { 3, 4 }, new[] { 3, 5 }, false)]
    [InlineData(new[] { 1, 2 }, new[] { 4, 3 }, new[] { 5, 4 }, true)]
    [InlineData(new[] { -1 }, new[] { 4 }, new[] { 4 }, false)]
    [InlineData(new[] { -1 }, new[] { 4 }, new[] { 4 }, true)]
    public void Dot_along_its_axes_gives_the_same_outputs_and_step(int[] axes, int[] firstShape, int[] secondShape, bool normalize)
    {
        // Dense layers of the inputs' widths in front, so the dot's gradient reaches weights.
        var models = new BackendComparison(() =>
        {
            var a = new Input([.. firstShape.Select(d => (int?)d)], name: "a");
            var b = new Input([.. secondShape.Select(d => (int?)d)], name: "b");
            SymbolicTensor product = new Dot(axes, normalize).Call(new Dense(firstShape[^1]).Call(a), new Dense(secondShape[^1]).Call(b));
            return new Model([a, b], new Dense(2).Call(product), seed: 3);
        }, Compile);
        int[] output = [6, .. models.Managed.OutputShape.Select(d => d!.Value)];
        models.AssertSameStep([TestData.Uniform(1, [6, .. firstShape]), TestData.Uniform(2, [6, .. secondShape])], [TestData.Uniform(3, output)], samples: 6);
    }

    [Theory]
    [InlineData("pre")]
    [InlineData("post")]
    public void Dot_takes_masked_inputs_and_passes_no_mask_on(string padding)
    {
        var models = new BackendComparison(() =>
        {
            var a = new Input([5], name: "a");
            var b = new Input([5], name: "b");
            SymbolicTensor product = new Dot([2]).Call(new Embedding(9, 4, maskZero: true).Call(a), new Embedding(9, 4, maskZero: true).Call(b));
            return new Model([a, b], new Dense(2).Call(new Flatten().Call(product)), seed: 4);
        }, Compile);
        int[][] first = TestData.Ragged(1, count: 6, minLength: 1, maxLength: 5, vocabulary: 9);
        int[][] second = TestData.Ragged(2, count: 6, minLength: 1, maxLength: 5, vocabulary: 9);
        first[0] = [1, 2, 3, 4, 5];
        second[0] = [5, 4, 3, 2, 1];
        models.AssertSameStep([TestData.Ids(padding, first), TestData.Ids(padding, second)], [TestData.Uniform(9, 6, 2)], samples: 6);
    }

    [Theory]
    [InlineData("pre")]
    [InlineData("post")]
    [InlineData("ragged")]
    public void Dot_over_the_steps_of_padded_and_ragged_ids_gives_the_same_outputs_and_step(string form)
    {
        // (batch, T, 4) · (batch, T, 3) over the steps → (batch, 4, 3): the padded steps count, on both backends alike.
        int[][] ids = TestData.Ragged(5, count: 6, minLength: 1, maxLength: 5, vocabulary: 9);
        var models = new BackendComparison(() =>
        {
            var x = new Input([null]);
            SymbolicTensor embedded = new Embedding(9, 4, maskZero: true).Call(x);
            SymbolicTensor product = new Dot([1], normalize: true).Call(new Dense(4, "tanh").Call(embedded), new Dense(3).Call(embedded));
            return new Model(x, new Dense(2).Call(new Flatten().Call(product)), seed: 6);
        }, Compile);
        models.AssertSameStep([TestData.Ids(form, ids)], [TestData.Uniform(9, 6, 2)], samples: 6);
    }
}
