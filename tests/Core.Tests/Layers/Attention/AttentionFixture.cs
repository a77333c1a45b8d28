using System.Text.Json;
using NotebookRnn.Layers;
using NotebookRnn.Layers.Attention;
using NotebookRnn.Tensors;

namespace NotebookRnn.Tests.Layers.Attention;

/// <summary>One case of tests/Fixtures/attention (make_attention_fixtures.py, PyTorch 1.13): inputs, masks, weights, outputs and gradients.</summary>
internal sealed class AttentionFixture
{
    private readonly JsonElement _root;

    private AttentionFixture(JsonElement root) => _root = root;

    public static AttentionFixture Load(string name) =>
        new(JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "attention", name + ".json"))).RootElement);

    public bool Causal => _root.GetProperty("causal").GetBoolean();

    /// <summary>[query, value] or [query, value, key].</summary>
    public Tensor[] Inputs => [.. new[] { "query", "value", "key" }.Where(n => _root.GetProperty("inputs").TryGetProperty(n, out _)).Select(n => Read(_root.GetProperty("inputs").GetProperty(n)))];

    /// <summary>[queryMask, valueMask] from the lengths (post padding), or none.</summary>
    public SequenceMask?[] Masks(Tensor[] inputs)
    {
        SequenceMask? Mask(string key, Tensor input) => _root.GetProperty(key).ValueKind == JsonValueKind.Null
            ? null
            : SequenceMask.FromLengths([.. _root.GetProperty(key).EnumerateArray().Select(e => e.GetInt32())], input.Dim(1), Padding.Post);
        SequenceMask? query = Mask("query_lengths", inputs[0]), value = Mask("value_lengths", inputs[1]);
        return query is null && value is null ? [] : [query, value];
    }

    public Tensor Weight(string name) => Read(_root.GetProperty("weights").GetProperty(name));

    public IEnumerable<string> WeightNames => _root.GetProperty("weights").EnumerateObject().Select(p => p.Name);

    public Tensor Upstream(string name) => Read(_root.GetProperty("upstream").GetProperty(name));

    public double[] Output(string name) => Doubles(_root.GetProperty("outputs").GetProperty(name));

    public double[] Gradient(string name) => Doubles(_root.GetProperty("grads").GetProperty(name));

    /// <summary>The layer the case describes, built for its inputs, with the case's weights.</summary>
    public DenseAttention Layer(Tensor[] inputs)
    {
        JsonElement options = _root.GetProperty("options");
        bool useScale = options.GetProperty("use_scale").GetBoolean();
        DenseAttention layer = _root.GetProperty("layer").GetString() == "Attention"
            ? new NotebookRnn.Layers.Attention.Attention(useScale, options.GetProperty("score_mode").GetString()!)
            : new AdditiveAttention(useScale);
        layer.Build([.. inputs.Select(x => x.Shape.Skip(1).Select(d => (int?)d).ToArray())], new RandomGenerator(1));
        foreach (Parameter p in layer.Parameters) Weight(p.Name).Span.CopyTo(p.Value.Span);
        return layer;
    }

    private static Tensor Read(JsonElement tensor)
    {
        float[] data = [.. tensor.GetProperty("data").EnumerateArray().Select(e => (float)e.GetDouble())];
        return new Tensor(data, [.. tensor.GetProperty("shape").EnumerateArray().Select(e => e.GetInt32())]);
    }

    private static double[] Doubles(JsonElement tensor) => [.. tensor.GetProperty("data").EnumerateArray().Select(e => e.GetDouble())];
}
