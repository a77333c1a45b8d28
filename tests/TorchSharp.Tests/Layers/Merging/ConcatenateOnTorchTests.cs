using NotebookRnn.Layers;
using NotebookRnn.Layers.Functional;
using NotebookRnn.Layers.Merging;
using NotebookRnn.Models;
using NotebookRnn.Optimizers;

namespace NotebookRnn.TorchSharp.Tests.Layers.Merging;

public class ConcatenateOnTorchTests
{
    private static void Compile(Model model, NotebookRnn.Devices.Backend? backend) => model.Compile(new Adam(0.01), "mse", backend: backend);

    [Theory]
    [InlineData(-1, new[] { 4, 3 }, new[] { 4, 5 })]
    [InlineData(2, new[] { 4, 3 }, new[] { 4, 5 })]
    [InlineData(1, new[] { 4, 3 }, new[] { 2, 3 })]
    [InlineData(1, new[] { 3 }, new[] { 5 })]
    public void Concatenate_along_any_axis_gives_the_same_outputs_and_step(int axis, int[] firstShape, int[] secondShape)
    {
        var models = new BackendComparison(() =>
        {
            var a = new Input([.. firstShape.Select(d => (int?)d)], name: "a");
            var b = new Input([.. secondShape.Select(d => (int?)d)], name: "b");
            SymbolicTensor joined = new Concatenate(axis).Call(new Dense(3, "tanh").Call(a), new Dense(3, "tanh").Call(b));
            return new Model([a, b], new Dense(2).Call(joined), seed: 3);
        }, Compile);
        int[] output = [6, .. models.Managed.OutputShape.Select(d => d!.Value)];
        models.AssertSameStep([TestData.Uniform(1, [6, .. firstShape]), TestData.Uniform(2, [6, .. secondShape])], [TestData.Uniform(3, output)], samples: 6);
    }

    [Theory]
    [InlineData(1, "pre", true)]
    [InlineData(1, "post", false)]
    [InlineData(-1, "pre", true)]
    [InlineData(-1, "post", false)]
    public void Masked_inputs_concatenate_with_the_managed_mask(int axis, string padding, bool bothMasked)
    {
        var models = new BackendComparison(() =>
        {
            var a = new Input([null], name: "a");
            var b = new Input([null], name: "b");
            SymbolicTensor ha = new Embedding(9, 4, maskZero: true).Call(a), hb = new Embedding(9, 4, maskZero: bothMasked).Call(b);
            return new Model([a, b], new Dense(2).Call(new Concatenate(axis).Call(ha, hb)), seed: 4);
        }, Compile);
        int[][] first = TestData.Ragged(1, count: 6, minLength: 1, maxLength: 5, vocabulary: 9);
        int[][] second = TestData.Ragged(2, count: 6, minLength: 1, maxLength: 5, vocabulary: 9);
        first[0] = [1, 2, 3, 4, 5];
        second[0] = [5, 4, 3, 2, 1];
        int steps = axis == 1 ? 10 : 5;
        models.AssertSameStep([TestData.Ids(padding, first), TestData.Ids(padding, second)], [TestData.Uniform(9, 6, steps, 2)], samples: 6);
    }

    [Fact]
    public void Two_branches_of_one_ragged_input_concatenate_alike()
    {
        int[][] ids = TestData.Ragged(3, count: 7, minLength: 1, maxLength: 6, vocabulary: 9);
        var models = new BackendComparison(() =>
        {
            var x = new Input([null]);
            SymbolicTensor embedded = new Embedding(9, 4, maskZero: true).Call(x);
            return new Model(x, new Dense(2).Call(new Concatenate().Call(embedded, new Dense(3, "tanh").Call(embedded))), seed: 5);
        }, Compile);
        models.AssertSameStep([ids], [TestData.Uniform(9, 7, ids.Max(s => s.Length), 2)], samples: 7);
    }
}
