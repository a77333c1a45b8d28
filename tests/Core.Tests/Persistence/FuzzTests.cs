using System.Buffers.Binary;
using System.Text.Json;
using System.Text.Json.Nodes;
using Xunit.Abstractions;
using NotebookRnn.Models;
using NotebookRnn.Optimizers;
using NotebookRnn.Persistence;
using NotebookRnn.Tensors;

namespace NotebookRnn.Tests.Persistence;

/// <summary>
/// Damages a saved model at random (seeded) and loads it: a load may only fail with <see cref="ModelFormatException"/>
/// or succeed with exactly the saved model — never crash, hang, throw anything else or load a different model.
/// </summary>
public class FuzzTests : IDisposable
{
    private static readonly TimeSpan CaseTimeout = TimeSpan.FromSeconds(20);
    private readonly TempFolder _folder = new();
    private readonly string _original;
    private readonly Sequential _reference;
    private readonly Tensor _x;
    private readonly ITestOutputHelper _output;

    public FuzzTests(ITestOutputHelper output)
    {
        _output = output;
        _original = _folder.File("original.nbrnn");
        var (model, x) = TestModels.Create("bidirectional_custom_backward_mul");
        model.TrainOnBatch(x, TestModels.Uniform(1, 4, 2));
        model.Save(_original);
        _reference = Sequential.Load(_original);
        _x = x;
    }

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Flipped_truncated_or_edited_bytes_fail_with_ModelFormatException_or_load_the_original_exactly()
    {
        byte[] original = File.ReadAllBytes(_original);
        var random = new RandomGenerator(20_240_917);
        var outcomes = new Dictionary<string, int>();
        const int cases = 1500;
        for (int c = 0; c < cases; c++)
        {
            var (what, damaged) = Mutate(original, random);
            string path = _folder.File($"case{c % 8}.nbrnn");
            File.WriteAllBytes(path, damaged);
            string outcome = LoadCase($"case {c} ({what})", path, loaded => AssertSameModel(_reference, loaded, $"case {c} ({what})"));
            outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
        }
        _output.WriteLine($"{cases} damaged files: {string.Join(", ", outcomes.Select(o => $"{o.Value} {o.Key}"))}");
        Assert.Equal(cases, outcomes.Values.Sum());
        Assert.True(outcomes.GetValueOrDefault("rejected") > cases * 9 / 10, string.Join(", ", outcomes));
    }

    [Fact]
    public void Configurations_edited_with_valid_checksums_load_or_fail_with_ModelFormatException()
    {
        var random = new RandomGenerator(77);
        JsonNode[] pool = [JsonValue.Create(0), JsonValue.Create(-1), JsonValue.Create(1), JsonValue.Create(2.5), JsonValue.Create(1e300),
            JsonValue.Create(2_147_483_648L), JsonValue.Create(1_000_000), JsonValue.Create("x"), JsonValue.Create(""), JsonValue.Create("NaN"),
            JsonValue.Create("relu"), JsonValue.Create(true), JsonValue.Create(false), new JsonArray(), new JsonObject(), new JsonArray(null, 3),
            new JsonArray(1, 2), new JsonArray(-4)];
        var outcomes = new Dictionary<string, int>();
        for (int c = 0; c < 400; c++)
        {
            SavedFile file = SavedFile.Read(_original);
            JsonNode model = file.Model;
            List<JsonNode> values = Values(model).ToList();
            JsonNode target = values[random.NextInt(values.Count)];
            string what = $"{target.GetPath()} ← ";
            if (target.Parent is JsonObject parent && random.NextInt(5) == 0)
            {
                parent.Remove(target.GetPropertyName());
                what += "(removed)";
            }
            else
            {
                JsonNode replacement = pool[random.NextInt(pool.Length)].DeepClone();
                what += replacement.ToJsonString();
                target.ReplaceWith(replacement);
            }
            file.Model = model;
            string path = _folder.File($"config{c % 8}.nbrnn");
            file.Write(path, fixChecksums: true);
            string outcome = LoadCase($"case {c} ({what})", path, _ => { });
            outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
        }
        _output.WriteLine($"400 edited configurations: {string.Join(", ", outcomes.Select(o => $"{o.Value} {o.Key}"))}");
        Assert.True(outcomes.GetValueOrDefault("rejected") > 100, string.Join(", ", outcomes));
    }

    // Loads one case on a worker with a time limit; returns "rejected" or "loaded", fails on anything else.
    private static string LoadCase(string what, string path, Action<Sequential> check)
    {
        var load = Task.Run(() => Sequential.Load(path));
        try
        {
            if (!load.Wait(CaseTimeout)) Assert.Fail($"{what}: Load did not finish within {CaseTimeout.TotalSeconds} s.");
        }
        catch (AggregateException error) when (error.InnerException is ModelFormatException format)
        {
            Assert.Equal(path, format.FilePath);
            return "rejected";
        }
        catch (AggregateException error)
        {
            Assert.Fail($"{what}: Load threw {error.InnerException!.GetType().Name}, not ModelFormatException: {error.InnerException}");
        }
        check(load.Result);
        return "loaded";
    }

    private void AssertSameModel(Sequential expected, Sequential actual, string what)
    {
        Assert.True(ModelSerializerTests.ConfigText(expected) == ModelSerializerTests.ConfigText(actual), $"{what}: the configuration differs.");
        TestModels.AssertSameWeights(expected, actual);
        Assert.Equal(expected.Optimizer!.Iterations, actual.Optimizer!.Iterations);
        Assert.Equal(JsonSerializer.Serialize(expected.Optimizer.GetConfig()), JsonSerializer.Serialize(actual.Optimizer.GetConfig()));
        for (int p = 0; p < expected.Parameters.Count; p++)
        {
            float[][] e = expected.Optimizer.State[expected.Parameters[p]], a = actual.Optimizer.State[actual.Parameters[p]];
            for (int s = 0; s < e.Length; s++) TestModels.AssertBitIdentical(new Tensor(e[s], e[s].Length), new Tensor(a[s], a[s].Length), $"{what}: slot {s}");
        }
        TestModels.AssertBitIdentical(expected.Predict(_x), actual.Predict(_x), what);
    }

    private static (string What, byte[] Damaged) Mutate(byte[] original, RandomGenerator random)
    {
        int headerEnd = 8 + (int)BinaryPrimitives.ReadUInt64LittleEndian(original);
        var bytes = (byte[])original.Clone();
        int at;
        switch (random.NextInt(9))
        {
            case 0:
                at = random.NextInt(bytes.Length);
                int bit = random.NextInt(8);
                bytes[at] ^= (byte)(1 << bit);
                return ($"bit {bit} of byte {at} flipped", bytes);
            case 1:
                at = random.NextInt(headerEnd);
                bytes[at] ^= (byte)(1 << random.NextInt(8));
                return ($"a bit of header byte {at} flipped", bytes);
            case 2:
                at = random.NextInt(bytes.Length);
                int count = Math.Min(1 + random.NextInt(8), bytes.Length - at);
                for (int i = 0; i < count; i++) bytes[at + i] = (byte)random.NextInt(256);
                return ($"{count} bytes at {at} overwritten", bytes);
            case 3:
                int keep = random.NextInt(bytes.Length);
                return ($"truncated to {keep} bytes", bytes[..keep]);
            case 4:
                int extra = 1 + random.NextInt(64);
                return ($"{extra} bytes appended", [.. bytes, .. RandomBytes(random, extra)]);
            case 5:
                at = random.NextInt(bytes.Length);
                int removed = Math.Min(1 + random.NextInt(16), bytes.Length - at);
                return ($"{removed} bytes at {at} removed", [.. bytes[..at], .. bytes[(at + removed)..]]);
            case 6:
                at = random.NextInt(bytes.Length);
                int inserted = 1 + random.NextInt(16);
                return ($"{inserted} bytes inserted at {at}", [.. bytes[..at], .. RandomBytes(random, inserted), .. bytes[at..]]);
            case 7:
                long length = random.NextInt(3) == 0 ? (long)random.NextUInt64() : headerEnd - 8 + random.NextInt(-16, 17);
                BinaryPrimitives.WriteInt64LittleEndian(bytes, length);
                return ($"header length set to {length}", bytes);
            default:
                return EditHeader(original, random);
        }
    }

    // Structural edits of the header JSON that leave it valid JSON; the checksums are not recomputed.
    private static (string What, byte[] Damaged) EditHeader(byte[] original, RandomGenerator random)
    {
        int headerLength = (int)BinaryPrimitives.ReadUInt64LittleEndian(original);
        JsonObject header = JsonNode.Parse(original.AsSpan(8, headerLength))!.AsObject();
        string[] tensors = [.. header.Select(p => p.Key).Where(k => k != "__metadata__")];
        string name = tensors[random.NextInt(tensors.Length)], other = tensors[random.NextInt(tensors.Length)];
        JsonObject entry = header[name]!.AsObject(), metadata = header["__metadata__"]!.AsObject();
        string what;
        switch (random.NextInt(7))
        {
            case 0:
                JsonArray shape = entry["shape"]!.AsArray();
                int axis = random.NextInt(Math.Max(1, shape.Count));
                if (shape.Count == 0) shape.Add(2);
                else shape[axis] = shape[axis]!.GetValue<int>() + random.NextInt(-2, 3);
                what = $"shape of {name} → {shape.ToJsonString()}";
                break;
            case 1:
                JsonArray offsets = entry["data_offsets"]!.AsArray();
                int side = random.NextInt(2);
                offsets[side] = offsets[side]!.GetValue<long>() + 4 * random.NextInt(-3, 4);
                what = $"data_offsets of {name} → {offsets.ToJsonString()}";
                break;
            case 2:
                (entry["data_offsets"], header[other]!["data_offsets"]) = (header[other]!["data_offsets"]!.DeepClone(), entry["data_offsets"]!.DeepClone());
                what = $"data_offsets of {name} and {other} swapped";
                break;
            case 3:
                header.Remove(name);
                header[other + "x"] = entry;
                what = $"{name} renamed to {other}x";
                break;
            case 4:
                string key = metadata.Select(p => p.Key).ElementAt(random.NextInt(metadata.Count));
                metadata.Remove(key);
                what = $"metadata {key} removed";
                break;
            case 5:
                entry["dtype"] = new[] { "F16", "F64", "I32", "f32", "" }[random.NextInt(5)];
                what = $"dtype of {name} → {entry["dtype"]}";
                break;
            default:
                header.Remove(name);
                what = $"entry {name} removed";
                break;
        }
        byte[] json = JsonSerializer.SerializeToUtf8Bytes(header);
        byte[] data = original[(8 + headerLength)..];
        var bytes = new byte[8 + json.Length + data.Length];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, (ulong)json.Length);
        json.CopyTo(bytes, 8);
        data.CopyTo(bytes, 8 + json.Length);
        return (what, bytes);
    }

    private static byte[] RandomBytes(RandomGenerator random, int count) => [.. Enumerable.Range(0, count).Select(_ => (byte)random.NextInt(256))];

    // Every value below the model's layers and compile settings (the leaves and the containers).
    private static IEnumerable<JsonNode> Values(JsonNode node)
    {
        foreach (JsonNode? child in node switch { JsonObject o => o.Select(p => p.Value), JsonArray a => a, _ => [] })
        {
            if (child is null) continue;
            yield return child;
            foreach (JsonNode inner in Values(child)) yield return inner;
        }
    }
}
