using NotebookRnn.Layers;
using NotebookRnn.Layers.Attention;
using NotebookRnn.Layers.Functional;
using NotebookRnn.Models;
using NotebookRnn.Optimizers;
using NotebookRnn.Tensors;

namespace NotebookRnn.TorchSharp.Tests.Layers.Attention;

/// <summary>Functional models around one attention layer, compared on both backends.</summary>
internal static class AttentionModels
{
    private const int Vocabulary = 9, Samples = 6;

    private static void Compile(Model model, NotebookRnn.Devices.Backend? backend) => model.Compile(new Adam(0.01), "mse", backend: backend);

    /// <summary>
    /// Query and value ids (and key ids with <paramref name="withKey"/>) of one padding, each through an
    /// <c>Embedding(maskZero)</c>, attended with <paramref name="create"/>'s layer; outputs: Dense(2) of the result and, with
    /// <paramref name="returnScores"/>, the attention distribution. Predict and one step agree on both backends.
    /// </summary>
    public static void AssertSameOnMaskedIds(Func<DenseAttention> create, string padding, bool withKey = false, bool causal = false,
        bool returnScores = true)
    {
        var models = new BackendComparison(() =>
        {
            var q = new Input([null], name: "query");
            var v = new Input([null], name: "value");
            var k = new Input([null], name: "key");
            SymbolicTensor query = new Embedding(Vocabulary, 4, maskZero: true).Call(q), value = new Embedding(Vocabulary, 4, maskZero: true).Call(v);
            SymbolicTensor? key = withKey ? new Embedding(Vocabulary, 4, maskZero: true).Call(k) : null;
            return Attended(create(), withKey ? [q, v, k] : [q, v], query, value, key, causal, returnScores);
        }, Compile);
        int[][] query = Ids(1, 4), value = Ids(2, 5), key = Ids(3, 5);
        List<InputData> x = [TestData.Ids(padding, query), TestData.Ids(padding, value)];
        if (withKey) x.Add(TestData.Ids(padding, key));
        models.AssertSameStep(x, Targets(4, 5, returnScores), Samples);
    }

    /// <summary>Self-attention over one ragged input of ids (query = value = its embedding), with the causal mask or not.</summary>
    public static void AssertSameOnRaggedIds(Func<DenseAttention> create, bool causal)
    {
        var models = new BackendComparison(() =>
        {
            var x = new Input([null]);
            SymbolicTensor embedded = new Embedding(Vocabulary, 4, maskZero: true).Call(x);
            return Attended(create(), [x], embedded, new Dense(4, "tanh").Call(embedded), null, causal, returnScores: false);
        }, Compile);
        int[][] ids = TestData.Ragged(4, Samples, 1, 6, Vocabulary);
        int steps = ids.Max(s => s.Length);
        models.AssertSameStep([ids], Targets(steps, steps, returnScores: false), Samples);
    }

    /// <summary>Query (batch, 4, 3) and value (batch, 5, 3) features without masks, each through a Dense layer, attended.</summary>
    public static void AssertSameOnDenseInputs(Func<DenseAttention> create, bool causal = false, bool returnScores = false)
    {
        var models = new BackendComparison(() =>
        {
            var q = new Input([4, 3], name: "query");
            var v = new Input([5, 3], name: "value");
            return Attended(create(), [q, v], new Dense(3, "tanh").Call(q), new Dense(3, "tanh").Call(v), null, causal, returnScores);
        }, Compile);
        models.AssertSameStep([TestData.Uniform(1, Samples, 4, 3), TestData.Uniform(2, Samples, 5, 3)], Targets(4, 5, returnScores), Samples);
        models.AssertSameStep([TestData.Uniform(3, Samples, 4, 3), TestData.Uniform(4, Samples, 5, 3)], Targets(4, 5, returnScores), Samples);
    }

    /// <summary>Query (batch, 2, 4, 3) and value (batch, 2, 5, 3): Keras's leading axes, each index attending on its own.</summary>
    public static void AssertSameWithLeadingAxes(Func<DenseAttention> create)
    {
        var models = new BackendComparison(() =>
        {
            var q = new Input([2, 4, 3], name: "query");
            var v = new Input([2, 5, 3], name: "value");
            SymbolicTensor attended = create().Call(new Dense(3, "tanh").Call(q), new Dense(3, "tanh").Call(v));
            return new Model([q, v], new Dense(2).Call(attended), seed: 5);
        }, Compile);
        models.AssertSameStep([TestData.Uniform(1, Samples, 2, 4, 3), TestData.Uniform(2, Samples, 2, 5, 3)], [TestData.Uniform(3, Samples, 2, 4, 2)], Samples);
    }

    private static Model Attended(DenseAttention attention, Input[] inputs, SymbolicTensor query, SymbolicTensor value, SymbolicTensor? key,
        bool causal, bool returnScores)
    {
        SymbolicTensor attended = attention.Call(query, value, key, returnScores, causal);
        if (!returnScores) return new Model(inputs, new Dense(2).Call(attended), seed: 5);
        var (context, scores) = attended;
        return new Model(inputs, [new Dense(2).Call(context), scores], seed: 5);
    }

    // Sequences of 1 to `steps` ids, the first of exactly `steps`, so every padding gives (Samples, steps).
    private static int[][] Ids(long seed, int steps)
    {
        int[][] ids = TestData.Ragged(seed, Samples, 1, steps, Vocabulary);
        ids[0] = [.. Enumerable.Range(1, steps)];
        return ids;
    }

    private static IReadOnlyList<Tensor> Targets(int querySteps, int valueSteps, bool returnScores) => returnScores
        ? [TestData.Uniform(7, Samples, querySteps, 2), TestData.Uniform(8, Samples, querySteps, valueSteps)]
        : [TestData.Uniform(7, Samples, querySteps, 2)];
}
