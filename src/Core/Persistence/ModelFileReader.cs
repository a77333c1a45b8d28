using System.Buffers.Binary;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using NotebookRnn.Tensors;

namespace NotebookRnn.Persistence;

/// <summary>
/// Reads one model file and checks it completely (see <see cref="ModelFile"/>): every problem becomes a
/// <see cref="ModelFormatException"/> that names the file, the place and what is wrong.
/// </summary>
internal sealed class ModelFileReader(string path, FileStream stream)
{
    private const int MaxRank = 16;
    private long _dataStart, _dataLength;

    /// <summary>One tensor entry of the header, checked against the data size.</summary>
    private sealed record Entry(string Name, int[] Shape, long Count, long Begin, long End);

    public ModelFileContents Read()
    {
        long length = stream.Length;
        long headerLength = ReadHeaderLength(length);
        _dataStart = sizeof(ulong) + headerLength;
        _dataLength = length - _dataStart;
        var header = new byte[headerLength];
        ReadExactly(header, sizeof(ulong), "the header");
        using JsonDocument document = ParseHeader(header);
        Dictionary<string, string> metadata = Metadata(document.RootElement);
        int version = CheckFormat(metadata);
        Entry[] entries = Entries(document.RootElement);
        CheckLayout(entries);
        string content = CheckMetadataKeys(metadata, entries);
        string? modelJson = content == ModelFile.ModelContent ? CheckedModelJson(metadata) : null;
        return new ModelFileContents(path, version, content, modelJson, [.. entries.Select(entry => ReadTensor(entry, metadata))]);
    }

    private ModelFormatException Error(string location, string problem, long? byteOffset = null, Exception? inner = null) =>
        new(path, location, problem, byteOffset, inner);

    private long ReadHeaderLength(long length)
    {
        if (length < sizeof(ulong))
            throw Error("byte 0", $"the file has {length} bytes, fewer than the 8 that hold a safetensors header length; it is truncated or not a model file.", 0);
        Span<byte> field = stackalloc byte[sizeof(ulong)];
        ReadExactly(field, 0, "the header length");
        ulong headerLength = BinaryPrimitives.ReadUInt64LittleEndian(field);
        if (headerLength > (ulong)(length - sizeof(ulong)))
            throw Error("byte 0", $"the header length field says {headerLength} bytes, but only {length - sizeof(ulong)} bytes follow it; " +
                "the file is truncated or not a safetensors file.", 0);
        if (headerLength > ModelFile.MaxHeaderLength)
            throw Error("byte 0", $"the header length field says {headerLength} bytes, more than the {ModelFile.MaxHeaderLength} a model header may have; " +
                "the file is damaged or not a NotebookRnn model file.", 0);
        if (headerLength < 2)
            throw Error("byte 0", $"the header length field says {headerLength} bytes, too short for a JSON header; the file is damaged.", 0);
        return (long)headerLength;
    }

    private void ReadExactly(Span<byte> target, long offset, string what)
    {
        try
        {
            stream.Position = offset;
            stream.ReadExactly(target);
        }
        catch (EndOfStreamException error)
        {
            throw Error($"byte {offset}", $"the file ended while reading {what} ({target.Length} bytes); it is truncated.", offset, error);
        }
    }

    private JsonDocument ParseHeader(byte[] header)
    {
        if (header[0] != (byte)'{')
            throw Error("byte 8", $"the header does not start with '{{' but with byte 0x{header[0]:X2}; this is not a safetensors file.", 8);
        if (!System.Text.Unicode.Utf8.IsValid(header))
        {
            long at = sizeof(ulong) + FirstInvalidUtf8(header);
            throw Error($"header byte {at}", "the header is not valid UTF-8; the file is damaged.", at);
        }
        try
        {
            return JsonDocument.Parse(header, new JsonDocumentOptions { MaxDepth = 16 });
        }
        catch (JsonException error)
        {
            long? offset = error.LineNumber == 0 && error.BytePositionInLine is long position ? sizeof(ulong) + position : null;
            throw Error(offset is long at ? $"header byte {at}" : "header", $"the header is not valid JSON: {error.Message}", offset, error);
        }
    }

    private static int FirstInvalidUtf8(ReadOnlySpan<byte> text)
    {
        int offset = 0;
        while (offset < text.Length && Rune.DecodeFromUtf8(text[offset..], out _, out int consumed) == System.Buffers.OperationStatus.Done)
            offset += consumed;
        return offset;
    }

    private Dictionary<string, string> Metadata(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object) throw Error("header", $"the header is JSON {root.ValueKind}, expected an object.", 8);
        CheckUniqueKeys(root, "header");
        if (!root.TryGetProperty("__metadata__", out JsonElement element) || element.ValueKind != JsonValueKind.Object)
            throw Error("header __metadata__", "there is no __metadata__ object, so this is not a NotebookRnn model file (plain safetensors files hold no model).", 8);
        CheckUniqueKeys(element, "header __metadata__");
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (JsonProperty property in element.EnumerateObject())
            metadata[property.Name] = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString()!
                : throw Error($"header __metadata__.{property.Name}", $"metadata values must be strings, got {ConfigReader.Describe(property.Value)}.", 8);
        return metadata;
    }

    private void CheckUniqueKeys(JsonElement element, string location)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (JsonProperty property in element.EnumerateObject())
            if (!keys.Add(property.Name)) throw Error(location, $"key \"{property.Name}\" appears twice.", 8);
    }

    private int CheckFormat(Dictionary<string, string> metadata)
    {
        string? format = metadata.GetValueOrDefault("format");
        if (format != ModelFile.FormatName)
            throw Error("header __metadata__.format", format is null
                ? "there is no format entry, so this is not a NotebookRnn model file."
                : $"the format is \"{format}\", expected \"{ModelFile.FormatName}\"; this is not a NotebookRnn model file.", 8);
        string? versionText = metadata.GetValueOrDefault("format_version");
        if (!int.TryParse(versionText, NumberStyles.None, CultureInfo.InvariantCulture, out int version) || version < 1)
            throw Error("header __metadata__.format_version", $"expected a version number such as \"1\", got {(versionText is null ? "none" : $"\"{versionText}\"")}.", 8);
        if (version > ModelFile.FormatVersion)
            throw Error("header __metadata__.format_version",
                $"the file has format version {version}, but this build of NotebookRnn reads versions up to {ModelFile.FormatVersion}; " +
                "load it with a newer NotebookRnn.", 8);
        return version;
    }

    private Entry[] Entries(JsonElement root)
    {
        var entries = new List<Entry>();
        foreach (JsonProperty property in root.EnumerateObject())
            if (property.Name != "__metadata__") entries.Add(ParseEntry(property.Name, property.Value));
        return [.. entries.OrderBy(e => e.Begin).ThenBy(e => e.End)];
    }

    private Entry ParseEntry(string name, JsonElement value)
    {
        string location = $"header entry '{name}'";
        if (value.ValueKind != JsonValueKind.Object) throw Error(location, $"expected {{ dtype, shape, data_offsets }}, got {ConfigReader.Describe(value)}.", 8);
        CheckUniqueKeys(value, location);
        foreach (JsonProperty property in value.EnumerateObject())
            if (property.Name is not ("dtype" or "shape" or "data_offsets"))
                throw Error(location, $"unknown key \"{property.Name}\"; a tensor entry has dtype, shape and data_offsets.", 8);
        string dtype = value.TryGetProperty("dtype", out JsonElement d) && d.ValueKind == JsonValueKind.String ? d.GetString()! : "(missing)";
        if (dtype != "F32") throw Error(location, $"dtype is {dtype}; this build reads F32 (float32) tensors only.", 8);
        int[] shape = ParseShape(location, value);
        long count = ElementCount(location, shape);
        var (begin, end) = ParseOffsets(location, value);
        return new Entry(name, shape, count, begin, end);
    }

    private int[] ParseShape(string location, JsonElement entry)
    {
        if (!entry.TryGetProperty("shape", out JsonElement shape) || shape.ValueKind != JsonValueKind.Array)
            throw Error(location, "shape is missing or not a list.", 8);
        if (shape.GetArrayLength() > MaxRank)
            throw Error(location, $"shape has {shape.GetArrayLength()} dimensions, more than the {MaxRank} any model weight has.", 8);
        return [.. shape.EnumerateArray().Select(d => d.ValueKind == JsonValueKind.Number && d.TryGetInt32(out int size) && size >= 0 ? size
            : throw Error(location, $"shape dimensions must be integers ≥ 0, got {ConfigReader.Describe(d)}.", 8))];
    }

    // The product of the dimensions, refused as soon as it exceeds what the data section can hold.
    private long ElementCount(string location, int[] shape)
    {
        long limit = _dataLength / sizeof(float), count = 1;
        foreach (int dimension in shape)
        {
            if (dimension != 0 && count > limit / dimension)
                throw Error(location, $"shape {Tensor.ShapeText(shape)} holds more values than the {_dataLength}-byte data section.", 8);
            count *= dimension;
        }
        return count;
    }

    private (long Begin, long End) ParseOffsets(string location, JsonElement entry)
    {
        if (!entry.TryGetProperty("data_offsets", out JsonElement offsets) || offsets.ValueKind != JsonValueKind.Array || offsets.GetArrayLength() != 2)
            throw Error(location, "data_offsets is missing or not a pair [begin, end].", 8);
        long[] pair = [.. offsets.EnumerateArray().Select(o => o.ValueKind == JsonValueKind.Number && o.TryGetInt64(out long at) && at >= 0 ? at
            : throw Error(location, $"data_offsets must be integers ≥ 0, got {ConfigReader.Describe(o)}.", 8))];
        if (pair[1] < pair[0]) throw Error(location, $"data_offsets [{pair[0]}, {pair[1]}] end before they begin.", 8);
        if (pair[1] > _dataLength)
            throw Error(location, $"data_offsets [{pair[0]}, {pair[1]}] end past the data section, which has {_dataLength} bytes " +
                $"(file bytes {_dataStart}–{_dataStart + _dataLength}); the file is truncated or the header damaged.", _dataStart + _dataLength);
        return (pair[0], pair[1]);
    }

    // Sorted by begin, the tensors must tile the data section: no gap, no overlap, nothing after the last.
    private void CheckLayout(Entry[] entries)
    {
        long cursor = 0;
        string? previous = null;
        foreach (Entry entry in entries)
        {
            string location = $"tensor '{entry.Name}'";
            if (entry.Begin < cursor)
                throw Error(location, $"its data [{entry.Begin}, {entry.End}) overlaps tensor '{previous}', which ends at data byte {cursor}.", _dataStart + entry.Begin);
            if (entry.Begin > cursor)
                throw Error(location, $"data bytes [{cursor}, {entry.Begin}) before it belong to no tensor; the header and the data disagree.", _dataStart + cursor);
            if (entry.End - entry.Begin != entry.Count * sizeof(float))
                throw Error(location, $"shape {Tensor.ShapeText(entry.Shape)} needs {entry.Count * sizeof(float)} bytes of float32, " +
                    $"but data_offsets [{entry.Begin}, {entry.End}] span {entry.End - entry.Begin}.", _dataStart + entry.Begin);
            cursor = entry.End;
            previous = entry.Name;
        }
        if (cursor != _dataLength)
            throw Error($"byte {_dataStart + cursor}", $"the tensors end at data byte {cursor}, but the data section has {_dataLength} bytes; " +
                "the file has extra bytes or its header is damaged.", _dataStart + cursor);
    }

    private string CheckMetadataKeys(Dictionary<string, string> metadata, Entry[] entries)
    {
        string? content = metadata.GetValueOrDefault("content");
        if (content is not (ModelFile.ModelContent or ModelFile.WeightsContent))
            throw Error("header __metadata__.content", $"expected \"model\" or \"weights\", got {(content is null ? "none" : $"\"{content}\"")}.", 8);
        var names = entries.Select(e => e.Name).ToHashSet(StringComparer.Ordinal);
        foreach (string key in metadata.Keys)
        {
            bool known = key is "format" or "format_version" or "content"
                || (content == ModelFile.ModelContent && key is "model" or "model_crc32c")
                || (key.StartsWith(ModelFile.ChecksumPrefix, StringComparison.Ordinal) && names.Contains(key[ModelFile.ChecksumPrefix.Length..]));
            if (!known) throw Error($"header __metadata__.{key}", $"unexpected metadata key in a \"{content}\" file: no such tensor or setting.", 8);
        }
        return content;
    }

    private string CheckedModelJson(Dictionary<string, string> metadata)
    {
        string json = metadata.GetValueOrDefault("model") ?? throw Error("header __metadata__.model", "a \"model\" file has no model configuration.", 8);
        uint stored = StoredChecksum(metadata, "model_crc32c", "header __metadata__.model_crc32c");
        uint actual = Crc32C.Compute(Encoding.UTF8.GetBytes(json));
        if (actual != stored)
            throw Error("header __metadata__.model", $"the model configuration does not match its CRC-32C checksum (stored {ModelFile.ChecksumText(stored)}, " +
                $"computed {ModelFile.ChecksumText(actual)}); the file is damaged.", 8);
        return json;
    }

    private uint StoredChecksum(Dictionary<string, string> metadata, string key, string location)
    {
        string? text = metadata.GetValueOrDefault(key);
        if (text is null || text.Length != 8 || !uint.TryParse(text, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out uint checksum))
            throw Error(location, $"expected a checksum of 8 hex digits, got {(text is null ? "none" : $"\"{text}\"")}.", 8);
        return checksum;
    }

    private NamedTensor ReadTensor(Entry entry, Dictionary<string, string> metadata)
    {
        long offset = _dataStart + entry.Begin;
        string location = $"tensor '{entry.Name}' (file bytes {offset}–{_dataStart + entry.End})";
        uint stored = StoredChecksum(metadata, ModelFile.ChecksumPrefix + entry.Name, $"header __metadata__.{ModelFile.ChecksumPrefix}{entry.Name}");
        var values = new float[entry.Count];
        Span<byte> bytes = MemoryMarshal.AsBytes(values.AsSpan());
        ReadExactly(bytes, offset, $"tensor '{entry.Name}'");
        uint actual = Crc32C.Compute(bytes);
        if (actual != stored)
            throw Error(location, $"the data does not match its CRC-32C checksum (stored {ModelFile.ChecksumText(stored)}, " +
                $"computed {ModelFile.ChecksumText(actual)}); the file is damaged.", offset);
        int bad = FirstNonFinite(values);
        if (bad >= 0)
            throw Error(location, $"element {ElementText(entry.Shape, bad)} is {values[bad].ToString(CultureInfo.InvariantCulture)}; " +
                "weights must be finite, so this file holds a diverged model.", offset + (long)bad * sizeof(float));
        return new NamedTensor(entry.Name, new Tensor(values, entry.Shape), offset);
    }

    private static int FirstNonFinite(float[] values)
    {
        for (int i = 0; i < values.Length; i++)
            if (!float.IsFinite(values[i])) return i;
        return -1;
    }

    // Flat index → "[i, j, …] (flat index n)".
    private static string ElementText(int[] shape, int flat)
    {
        var index = new int[shape.Length];
        int rest = flat;
        for (int axis = shape.Length - 1; axis >= 0; axis--)
        {
            index[axis] = shape[axis] == 0 ? 0 : rest % shape[axis];
            rest = shape[axis] == 0 ? rest : rest / shape[axis];
        }
        return $"[{string.Join(", ", index)}] (flat index {flat})";
    }
}
