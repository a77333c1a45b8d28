using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace TorchReference;

/// <summary>The output of <c>Bench --list-configs</c> (bench/Bench/BenchPlan.cs), read with snake_case keys.</summary>
internal sealed record Plan(bool Smoke, IReadOnlyList<ModelConfig> Models, IReadOnlyList<GemmConfig> Gemms,
    IReadOnlyDictionary<string, uint> DataChecksums)
{
    public static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static Plan Load(string path) =>
        JsonSerializer.Deserialize<Plan>(File.ReadAllText(path), Json) ?? throw new InvalidDataException($"\"{path}\" holds no plan.");
}

/// <summary>One model configuration of the plan; the fields mean what they mean in bench/Bench/BenchPlan.cs.</summary>
internal sealed record ModelConfig(string Name, string Kind, string Cell, string Input, bool Masked, int Batch, int Steps, int Features,
    int Vocab, int Units, int Outputs, string Optimizer, double LearningRate, string LengthMode, int LengthMin, int LengthMax,
    int DistinctBatches, int Warmup, int Timed, uint Seed, bool ReferenceUnpacked, int Devices);

/// <summary>C (m×n) = A (m×k) · B (k×n), single thread; the median of <c>Measurements</c> runs of ≥ <c>MinSeconds</c> each.</summary>
internal sealed record GemmConfig(string Name, int M, int N, int K, int Measurements, double MinSeconds);
