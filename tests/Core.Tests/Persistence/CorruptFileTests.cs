using System.Text;
using System.Text.Json.Nodes;
using NotebookRnn.Models;
using NotebookRnn.Persistence;
using NotebookRnn.Tensors;

namespace NotebookRnn.Tests.Persistence;

public class CorruptFileTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly string _original, _damaged;

    public CorruptFileTests()
    {
        _original = _folder.File("original.nbrnn");
        _damaged = _folder.File("damaged.nbrnn");
        var (model, x) = TestModels.Create("bidirectional_custom_backward_mul");
        model.TrainOnBatch(x, TestModels.Uniform(1, 4, 2));
        model.Save(_original);
    }

    public void Dispose() => _folder.Dispose();

    private ModelFormatException LoadDamaged() => Assert.Throws<ModelFormatException>(() => Sequential.Load(_damaged));

    private ModelFormatException Damage(Action<SavedFile> edit, bool fixChecksums)
    {
        SavedFile file = SavedFile.Read(_original);
        edit(file);
        file.Write(_damaged, fixChecksums);
        return LoadDamaged();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    [InlineData(8)]
    [InlineData(300)]
    [InlineData(-200)]
    [InlineData(-1)]
    public void A_truncated_file_is_reported_as_truncated(int keep)
    {
        byte[] bytes = File.ReadAllBytes(_original);
        File.WriteAllBytes(_damaged, bytes[..(keep >= 0 ? keep : bytes.Length + keep)]);

        ModelFormatException error = LoadDamaged();

        Assert.Contains("truncated", error.Message);
        Assert.Contains(_damaged, error.Message);
        Assert.NotNull(error.ByteOffset);
    }

    [Fact]
    public void Files_that_are_not_safetensors_are_named_as_such()
    {
        File.WriteAllText(_damaged, "name,loss\nmodel,0.5\n");
        Assert.Contains("not a safetensors file", LoadDamaged().Message);

        File.WriteAllBytes(_damaged, [0x89, .. "PNG\r\n\x1a\n"u8, .. new byte[64]]);
        Assert.Contains("not a safetensors file", LoadDamaged().Message);

        using (var sparse = new FileStream(_damaged, FileMode.Create))
        {
            sparse.Write(BitConverter.GetBytes(150L << 20));
            sparse.SetLength(200L << 20);
        }
        Assert.Contains("more than the 104857600 a model header may have", LoadDamaged().Message);

        File.WriteAllBytes(_damaged, [4, 0, 0, 0, 0, 0, 0, 0, .. "[1] "u8]);
        ModelFormatException notObject = LoadDamaged();
        Assert.Equal(8, notObject.ByteOffset);
        Assert.Contains("does not start with '{'", notObject.Message);
    }

    [Fact]
    public void Plain_safetensors_and_other_formats_are_not_taken_for_models()
    {
        Assert.Contains("there is no __metadata__ object", Damage(f => f.Header.Remove("__metadata__"), fixChecksums: false).Message);
        ModelFormatException other = Damage(f => f.Metadata["format"] = "pt", fixChecksums: false);
        Assert.Equal("header __metadata__.format", other.Location);
        Assert.Contains("the format is \"pt\", expected \"notebookrnn\"", other.Message);
    }

    [Fact]
    public void A_newer_format_version_says_which_version_the_file_has_and_which_this_build_reads()
    {
        ModelFormatException error = Damage(f => f.Metadata["format_version"] = "3", fixChecksums: false);

        Assert.Equal("header __metadata__.format_version", error.Location);
        Assert.Contains("the file has format version 3, but this build of NotebookRnn reads versions up to 2", error.Message);
        Assert.Contains("expected a version number", Damage(f => f.Metadata["format_version"] = "one", fixChecksums: false).Message);
    }

    [Fact]
    public void A_header_that_is_not_json_names_the_byte()
    {
        byte[] bytes = File.ReadAllBytes(_original);
        int at = Encoding.UTF8.GetString(bytes).IndexOf("\"dtype\"", StringComparison.Ordinal);
        bytes[at] = (byte)'{';
        File.WriteAllBytes(_damaged, bytes);

        ModelFormatException error = LoadDamaged();

        Assert.Contains("the header is not valid JSON", error.Message);
        Assert.InRange(error.ByteOffset!.Value, at - 2, at + 2);
    }

    [Fact]
    public void Header_entries_inconsistent_with_the_data_are_named()
    {
        const string kernel = "dense/kernel";
        Assert.Contains("overlaps tensor", Damage(f => Offsets(f, kernel, -4, 0), fixChecksums: false).Message);
        Assert.Contains("belong to no tensor", Damage(f => Offsets(f, kernel, 4, 4), fixChecksums: false).Message);
        Assert.Contains("needs 24 bytes of float32, but data_offsets", Damage(f => f.Header[kernel]!["shape"] = new JsonArray(2, 3), fixChecksums: false).Message);
        Assert.Contains("end past the data section", Damage(f => Offsets(f, kernel, 0, 1 << 20), fixChecksums: false).Message);
        Assert.Contains("the file has extra bytes", Damage(f => f.Data = [.. f.Data, 0, 0, 0, 0], fixChecksums: false).Message);
        Assert.Contains("dtype is F16; this build reads F32", Damage(f => f.Header[kernel]!["dtype"] = "F16", fixChecksums: false).Message);
        Assert.Contains("holds more values than the", Damage(f => f.Header[kernel]!["shape"] = new JsonArray(1 << 30, 1 << 30), fixChecksums: false).Message);
        ModelFormatException located = Damage(f => Offsets(f, kernel, 4, 4), fixChecksums: false);
        Assert.Equal($"tensor '{kernel}'", located.Location);
    }

    [Fact]
    public void A_damaged_weight_byte_fails_its_checksum_and_the_message_names_the_weight()
    {
        SavedFile file = SavedFile.Read(_original);
        var (begin, _) = file.Offsets("bidirectional/forward_simple_rnn/recurrent_kernel");

        ModelFormatException error = Damage(f => f.Data[begin + 5] ^= 0x10, fixChecksums: false);

        Assert.StartsWith("tensor 'bidirectional/forward_simple_rnn/recurrent_kernel'", error.Location);
        Assert.Contains("does not match its CRC-32C checksum", error.Message);
    }

    [Fact]
    public void A_nan_weight_is_named_with_its_element_even_when_the_checksums_agree()
    {
        SavedFile file = SavedFile.Read(_original);
        var (begin, _) = file.Offsets("dense/kernel");

        ModelFormatException error = Damage(f => BitConverter.TryWriteBytes(f.Data.AsSpan(begin + 4 * 3), float.NaN), fixChecksums: true);

        Assert.Contains("element [1, 1] (flat index 3) is NaN", error.Message);
        Assert.StartsWith("tensor 'dense/kernel'", error.Location);
        Assert.Equal(SavedFileDataStart() + begin + 12, error.ByteOffset);
    }

    [Fact]
    public void An_unknown_layer_type_is_named_with_its_place_in_the_configuration()
    {
        ModelFormatException error = Damage(f =>
        {
            JsonNode model = f.Model;
            model["config"]!["layers"]![1]!["class_name"] = "Conv1D";
            f.Model = model;
        }, fixChecksums: true);

        Assert.Equal("model config model.config.layers[1].class_name", error.Location);
        Assert.Contains("unknown layer type \"Conv1D\"", error.Message);
    }

    [Fact]
    public void Configuration_values_a_layer_rejects_are_reported_not_thrown_raw()
    {
        ModelFormatException Edit(string key, JsonNode value) => Damage(f =>
        {
            JsonNode model = f.Model;
            model["config"]!["layers"]![3]!["config"]![key] = value;
            f.Model = model;
        }, fixChecksums: true);

        Assert.Contains("Dense rejects its configuration: Expected units > 0", Edit("units", -3).Message);
        Assert.Contains("expected an integer, got \"two\"", Edit("units", "two").Message);
        Assert.Contains("more values than the", Edit("units", 2_000_000_000).Message);
        Assert.Contains("the file has weight 'dense/bias' of shape (2,), which the model lacks", Edit("use_bias", false).Message);
    }

    [Fact]
    public void An_edited_configuration_fails_its_checksum()
    {
        ModelFormatException error = Damage(f => f.Metadata["model"] = f.Metadata["model"]!.GetValue<string>().Replace("\"relu\"", "\"tanh\""), fixChecksums: false);

        Assert.Equal("header __metadata__.model", error.Location);
        Assert.Contains("the model configuration does not match its CRC-32C checksum", error.Message);
    }

    [Fact]
    public void Incomplete_optimizer_state_is_reported()
    {
        ModelFormatException error = Damage(f =>
        {
            var (begin, end) = f.Offsets("optimizer/dense/bias/1");
            f.Header.Remove("optimizer/dense/bias/1");
            f.Metadata.Remove(ModelFile.ChecksumPrefix + "optimizer/dense/bias/1");
            f.Data = [.. f.Data[..begin], .. f.Data[end..]];
        }, fixChecksums: true);

        Assert.Contains("lacks slot 1 of 2", error.Message);
    }

    [Fact]
    public void A_failed_load_changes_nothing_of_the_model()
    {
        var (model, x) = TestModels.Create("bidirectional_custom_backward_mul");
        Tensor before = model.Predict(x).Clone();
        SavedFile file = SavedFile.Read(_original);
        var (begin, _) = file.Offsets("dense/bias");
        file.Data[begin] ^= 1;
        file.Write(_damaged, fixChecksums: false);

        Assert.Throws<ModelFormatException>(() => model.LoadWeights(_damaged));

        TestModels.AssertBitIdentical(before, model.Predict(x), "predictions after a failed load");
    }

    private int SavedFileDataStart() => File.ReadAllBytes(_damaged).Length - SavedFile.Read(_damaged).Data.Length;

    private static void Offsets(SavedFile file, string tensor, int shiftBegin, int shiftEnd)
    {
        var (begin, end) = file.Offsets(tensor);
        file.Header[tensor]!["data_offsets"] = new JsonArray(begin + shiftBegin, end + shiftEnd);
    }
}
