using System.Text.Json;
using NotebookRnn.Layers;
using NotebookRnn.Layers.Recurrent;
using NotebookRnn.Layers.Wrappers;
using NotebookRnn.Tensors;

namespace NotebookRnn.Tests.Layers.Recurrent;

/// <summary>One golden case written by tests/Fixtures/make_rnn_fixtures.py (see tests/Fixtures/README.md).</summary>
internal sealed class RnnFixture
{
    private readonly JsonElement _root;

    private RnnFixture(string name, JsonElement root)
    {
        Name = name;
        _root = root;
    }

    public string Name { get; }
    public JsonElement Config => _root.GetProperty("config");
    public string Cell => Config.GetProperty("cell").GetString()!;
    public int Units => Config.GetProperty("units").GetInt32();
    public bool ReturnSequences => Config.GetProperty("return_sequences").GetBoolean();
    public bool GoBackwards => Config.GetProperty("go_backwards").GetBoolean();
    public bool UseBias => Config.GetProperty("use_bias").GetBoolean();
    public bool ResetAfter => Config.GetProperty("reset_after").ValueKind == JsonValueKind.True;
    // make_rnn_fixtures.py computes "hard_sigmoid" with Keras 2's slope (HARD_SIGMOID_SLOPE = 0.2): hard_sigmoid_keras2 here.
    public string? RecurrentActivation => Config.GetProperty("recurrent_activation").GetString() is "hard_sigmoid" ? "hard_sigmoid_keras2"
        : Config.GetProperty("recurrent_activation").GetString();
    public string? Bidirectional => Config.GetProperty("bidirectional").GetString();

    public Tensor Input => Read(_root.GetProperty("inputs").GetProperty("x"));

    public SequenceMask? Mask
    {
        get
        {
            if (!_root.GetProperty("inputs").TryGetProperty("mask", out JsonElement mask)) return null;
            Tensor m = Read(mask);
            return new SequenceMask([.. m.ToArray().Select(v => v != 0)], m.Dim(0), m.Dim(1));
        }
    }

    public static IEnumerable<string> Names =>
        Directory.GetFiles(Folder, "*.json").Select(Path.GetFileNameWithoutExtension).Order()!;

    public static RnnFixture Load(string name) =>
        new(name, JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, name + ".json"))).RootElement);

    /// <summary>A tensor at a path such as "weights/forward/kernel"; null when absent.</summary>
    public Tensor? Get(string path)
    {
        JsonElement e = _root;
        foreach (string part in path.Split('/'))
            if (!e.TryGetProperty(part, out e)) return null;
        return Read(e);
    }

    private static Tensor Read(JsonElement e)
    {
        int[] shape = [.. e.GetProperty("shape").EnumerateArray().Select(d => d.GetInt32())];
        float[] data = [.. e.GetProperty("data").EnumerateArray().Select(v => (float)v.GetDouble())];
        return new Tensor(data, shape);
    }

    private static string Folder => Path.Combine(AppContext.BaseDirectory, "Fixtures", "rnn");

    /// <summary>Builds the layer this case describes and loads its weights (Keras layout) from <paramref name="prefix"/>.</summary>
    public RecurrentLayer CreateLayer(string prefix = "weights", bool goBackwards = false, bool? returnSequences = null)
    {
        bool sequences = returnSequences ?? ReturnSequences;
        RecurrentLayer layer = Cell switch
        {
            "lstm" => new LSTM(Units, recurrentActivation: RecurrentActivation, useBias: UseBias, returnSequences: sequences, goBackwards: goBackwards),
            "gru" => new GRU(Units, recurrentActivation: RecurrentActivation, useBias: UseBias, returnSequences: sequences, goBackwards: goBackwards,
                resetAfter: ResetAfter),
            _ => new SimpleRNN(Units, useBias: UseBias, returnSequences: sequences, goBackwards: goBackwards),
        };
        layer.Build([Input.Dim(1), Input.Dim(2)], new RandomGenerator(1));
        Get($"{prefix}/kernel")!.Span.CopyTo(layer.Kernel.Value.Span);
        Get($"{prefix}/recurrent_kernel")!.Span.CopyTo(layer.RecurrentKernel.Value.Span);
        if (layer.Bias is not null) Get($"{prefix}/bias")!.Span.CopyTo(layer.Bias.Value.Span);
        return layer;
    }

    /// <summary>The public cell of this case with its weights (Keras layout) from <paramref name="prefix"/>.</summary>
    public RecurrentCell CreateCell(string prefix = "weights")
    {
        RecurrentCell cell = Cell switch
        {
            "lstm" => new LSTMCell(Units, recurrentActivation: RecurrentActivation),
            "gru" => new GRUCell(Units, recurrentActivation: RecurrentActivation, resetAfter: ResetAfter),
            _ => new SimpleRNNCell(Units),
        };
        Tensor? bias = UseBias ? Get($"{prefix}/bias")!.Reshape(cell.BiasShape) : null;
        cell.Build(new Parameter("kernel", Get($"{prefix}/kernel")!), new Parameter("recurrent_kernel", Get($"{prefix}/recurrent_kernel")!),
            bias is null ? null : new Parameter("bias", bias));
        return cell;
    }

    /// <summary>Asserts |actual − expected| ≤ 1e-5 · max(1, |expected|) elementwise.</summary>
    public static void AssertClose(string what, Tensor expected, ReadOnlySpan<float> actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        ReadOnlySpan<float> e = expected.Span;
        for (int i = 0; i < e.Length; i++)
            Assert.True(Math.Abs(actual[i] - e[i]) <= 1e-5 * Math.Max(1, Math.Abs(e[i])),
                $"{what}[{i}]: expected {e[i]:G9}, got {actual[i]:G9}");
    }
}
