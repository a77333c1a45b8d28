using NotebookRnn.Layers;
using NotebookRnn.Layers.Functional;
using NotebookRnn.Layers.Merging;
using NotebookRnn.Models;
using NotebookRnn.Optimizers;
using NotebookRnn.Tensors;

namespace NotebookRnn.TorchSharp.Tests.Layers.Merging;

/// <summary>The elementwise merges (Add, Subtract, Multiply, Average, Maximum, Minimum) on both backends, in functional models.</summary>
public class MergeOnTorchTests
{
    public static TheoryData<string> Kinds => ["add", "subtract", "multiply", "average", "maximum", "minimum"];

    private static Merge Create(string kind) => kind switch
    {
        "add" => new Add(),
        "subtract" => new Subtract(),
        "multiply" => new Multiply(),
        "average" => new Average(),
        "maximum" => new Maximum(),
        "minimum" => new Minimum(),
        _ => throw new ArgumentException($"Unknown merge '{kind}'.", nameof(kind)),
    };

    private static void Compile(Model model, NotebookRnn.Devices.Backend? backend) => model.Compile(new Adam(0.01), "mse", backend: backend);

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Merging_inputs_of_one_shape_gives_the_same_outputs_and_step(string kind)
    {
        int count = kind == "subtract" ? 2 : 3;
        var models = new BackendComparison(() =>
        {
            Input[] inputs = [.. Enumerable.Range(0, count).Select(k => new Input([4, 3], name: $"x{k}"))];
            SymbolicTensor merged = Create(kind).Call([.. inputs.Select(x => new Dense(5, "tanh").Call(x))]);
            return new Model(inputs, new Dense(2).Call(merged), seed: 3);
        }, Compile);
        models.AssertSameStep([.. Enumerable.Range(0, count).Select(k => (InputData)TestData.Uniform(k + 1, 6, 4, 3))], [TestData.Uniform(9, 6, 4, 2)], samples: 6);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Merging_inputs_that_broadcast_as_in_keras_gives_the_same_outputs_and_step(string kind)
    {
        // (batch, 4, 5) with (batch, 5), which gains an axis after the batch axis, and (batch, 4, 1) in the n-ary merges.
        var models = new BackendComparison(() =>
        {
            var sequence = new Input([4, 3], name: "sequence");
            var vector = new Input([3], name: "vector");
            SymbolicTensor[] operands = [new Dense(5, "tanh").Call(sequence), new Dense(5, "tanh").Call(vector)];
            if (kind != "subtract") operands = [.. operands, new Dense(1).Call(sequence)];
            return new Model([sequence, vector], new Dense(2).Call(Create(kind).Call(operands)), seed: 4);
        }, Compile);
        models.AssertSameStep([TestData.Uniform(1, 6, 4, 3), TestData.Uniform(2, 6, 3)], [TestData.Uniform(9, 6, 4, 2)], samples: 6);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void A_tie_sends_the_gradient_where_the_managed_layer_sends_it(string kind)
    {
        // Two Dense layers with the same weights on the same input tie everywhere: Maximum and Minimum keep the first.
        var models = new BackendComparison(() =>
        {
            var x = new Input([3]);
            Dense first = new(4, "tanh"), second = new(4, "tanh");
            var model = new Model(x, new Dense(2).Call(Create(kind).Call(first.Call(x), second.Call(x))), seed: 5);
            second.SetWeights(first.GetWeights());
            return model;
        }, Compile);
        models.AssertSameStep([TestData.Uniform(1, 6, 3)], [TestData.Uniform(2, 6, 2)], samples: 6);
    }

    [Theory]
    [InlineData("add", "pre", true)]
    [InlineData("subtract", "post", true)]
    [InlineData("average", "pre", false)]
    [InlineData("multiply", "pre", true)]
    [InlineData("multiply", "post", false)]
    [InlineData("maximum", "pre", true)]
    [InlineData("maximum", "post", false)]
    [InlineData("minimum", "post", true)]
    [InlineData("minimum", "pre", false)]
    public void Masked_inputs_merge_and_pass_on_the_managed_mask(string kind, string padding, bool bothMasked)
    {
        // Two id inputs of their own padding; the second masked or not (then the output has no mask).
        var models = new BackendComparison(() =>
        {
            var a = new Input([null], name: "a");
            var b = new Input([null], name: "b");
            SymbolicTensor ha = new Dense(5, "tanh").Call(new Embedding(9, 4, maskZero: true).Call(a));
            SymbolicTensor hb = new Dense(5, "tanh").Call(new Embedding(9, 4, maskZero: bothMasked).Call(b));
            return new Model([a, b], new Dense(2).Call(Create(kind).Call(ha, hb)), seed: 6);
        }, Compile);
        int[][] first = TestData.Ragged(1, count: 6, minLength: 1, maxLength: 5, vocabulary: 9);
        int[][] second = TestData.Ragged(2, count: 6, minLength: 1, maxLength: 5, vocabulary: 9);
        first[0] = [1, 2, 3, 4, 5];
        second[0] = [5, 4, 3, 2, 1];
        models.AssertSameStep([TestData.Ids(padding, first), TestData.Ids(padding, second)], [TestData.Uniform(9, 6, 5, 2)], samples: 6);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Two_branches_of_one_ragged_input_merge_alike(string kind)
    {
        int[][] ids = TestData.Ragged(3, count: 7, minLength: 1, maxLength: 6, vocabulary: 9);
        var models = new BackendComparison(() =>
        {
            var x = new Input([null]);
            SymbolicTensor embedded = new Embedding(9, 4, maskZero: true).Call(x);
            SymbolicTensor merged = Create(kind).Call(new Dense(5, "tanh").Call(embedded), new Dense(5, "relu").Call(embedded));
            return new Model(x, new Dense(2).Call(merged), seed: 7);
        }, Compile);
        models.AssertSameStep([ids], [TestData.Uniform(9, 7, ids.Max(s => s.Length), 2)], samples: 7);
    }
}
