using System.Buffers.Binary;
using System.Text;
using System.Text.Json.Nodes;
using NotebookRnn.Persistence;

namespace NotebookRnn.Tests.Persistence;

/// <summary>
/// A saved model file taken apart — header JSON and data bytes — so tests can damage or craft it and write it back,
/// with the checksums recomputed when the test wants the damage to reach the checks behind them.
/// </summary>
internal sealed class SavedFile
{
    private SavedFile(JsonObject header, byte[] data)
    {
        Header = header;
        Data = data;
    }

    public JsonObject Header { get; }

    public byte[] Data { get; set; }

    public JsonObject Metadata => Header["__metadata__"]!.AsObject();

    /// <summary>The model configuration inside the metadata, parsed.</summary>
    public JsonNode Model
    {
        get => JsonNode.Parse(Metadata["model"]!.GetValue<string>())!;
        set => Metadata["model"] = value.ToJsonString();
    }

    public static SavedFile Read(string path)
    {
        byte[] bytes = File.ReadAllBytes(path);
        int length = (int)BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        return new SavedFile(JsonNode.Parse(bytes.AsSpan(8, length))!.AsObject(), bytes[(8 + length)..]);
    }

    /// <summary>The data offsets of a tensor.</summary>
    public (int Begin, int End) Offsets(string tensor)
    {
        JsonArray offsets = Header[tensor]!["data_offsets"]!.AsArray();
        return (offsets[0]!.GetValue<int>(), offsets[1]!.GetValue<int>());
    }

    /// <summary>Writes the file; with <paramref name="fixChecksums"/>, every checksum is recomputed first.</summary>
    public void Write(string path, bool fixChecksums)
    {
        if (fixChecksums) FixChecksums();
        byte[] header = Encoding.UTF8.GetBytes(Header.ToJsonString());
        var bytes = new byte[8 + header.Length + Data.Length];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, (ulong)header.Length);
        header.CopyTo(bytes, 8);
        Data.CopyTo(bytes, 8 + header.Length);
        File.WriteAllBytes(path, bytes);
    }

    private void FixChecksums()
    {
        if (Metadata["model"] is JsonNode model)
            Metadata["model_crc32c"] = ModelFile.ChecksumText(Crc32C.Compute(Encoding.UTF8.GetBytes(model.GetValue<string>())));
        foreach (var (name, _) in Header.ToList())
        {
            if (name == "__metadata__") continue;
            var (begin, end) = Offsets(name);
            Metadata[ModelFile.ChecksumPrefix + name] = ModelFile.ChecksumText(Crc32C.Compute(Data.AsSpan(begin, end - begin)));
        }
    }
}
