using System.Text.Json;
using NotebookRnn.Models;
using NotebookRnn.Optimizers;
using NotebookRnn.Tensors;

namespace NotebookRnn.Tests.Persistence;

/// <summary>
/// Model files written by format version 1 as first released (tests/Fixtures/models, one per <see cref="TestModels"/>
/// model, saved after one training step): later builds must load them to the same layers and predictions.
/// </summary>
public class FormatFixtureTests
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "Fixtures", "models");

    public static TheoryData<string> Files => [.. Directory.GetFiles(Folder, "*.nbrnn").Select(f => Path.GetFileNameWithoutExtension(f)).Order()];

    [Theory]
    [MemberData(nameof(Files))]
    public void A_file_of_the_first_format_loads_to_the_same_layers_and_predictions(string name)
    {
        Sequential loaded = Sequential.Load(Path.Combine(Folder, name + ".nbrnn"));
        using JsonDocument expected = JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, name + ".json")));

        Assert.Equal(ModelSerializerTests.ConfigText(TestModels.Create(name).Model), ModelSerializerTests.ConfigText(loaded));
        Assert.Equal(1, loaded.Optimizer!.Iterations);
        Tensor predictions = loaded.Predict(Read(expected.RootElement.GetProperty("x")));
        Tensor stored = Read(expected.RootElement.GetProperty("predictions"));
        Assert.Equal(stored.Shape, predictions.Shape);
        // The file was written on another machine, whose vector width may round differently.
        for (int i = 0; i < stored.Length; i++) Assert.Equal(stored.Span[i], predictions.Span[i], 1e-5f);
    }

    private static Tensor Read(JsonElement tensor) => new(
        [.. tensor.GetProperty("data").EnumerateArray().Select(v => v.GetSingle())],
        [.. tensor.GetProperty("shape").EnumerateArray().Select(d => d.GetInt32())]);
}
