using System.Buffers.Binary;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace NotebookRnn.Persistence;

/// <summary>
/// The file <c>Model.Save</c> and <c>Model.SaveWeights</c> write (for Sequential and functional models alike): one safetensors file
/// (the Hugging Face format: a JSON header, then raw little-endian data), readable by any safetensors reader.
/// <code>
/// bytes 0 … 7       N: the header length, unsigned 64-bit little-endian
/// bytes 8 … 8+N     the header: UTF-8 JSON, padded with spaces so the data starts at a multiple of 8
///   { "__metadata__": { "format": "notebookrnn", "format_version": "1", "content": "model" or "weights",
///                       "model": "{…model JSON…}", "model_crc32c": "1a2b3c4d",     ← content "model" only
///                       "crc32c/lstm/kernel": "5e6f7a8b", …one per tensor },
///     "lstm/kernel": { "dtype": "F32", "shape": [57, 512], "data_offsets": [0, 116736] }, … }
/// bytes 8+N …       the data: each tensor's float32 values, little-endian, row-major, back to back
/// </code>
/// Tensor names: <c>&lt;layer&gt;/&lt;weight&gt;</c> (<c>dense/kernel</c>); wrappers insert the wrapped layer's
/// name (<c>bidirectional/forward_lstm/kernel</c>, <c>time_distributed/dense/bias</c>); optimizer state is
/// <c>optimizer/&lt;tensor name&gt;/&lt;slot&gt;</c> (<c>optimizer/dense/kernel/0</c>, Adam's first moment).
/// Every <c>data_offsets</c> pair is relative to the start of the data; the tensors cover the data exactly, without
/// gaps or overlaps. The model JSON is
/// <c>{ "class_name": "Sequential", "config": { "name", "seed", "build_input_shape", "layers": [ { "class_name", "config" }, … ] },
/// "compile": { "optimizer": { "class_name", "config" }, "loss": { "class_name", "config" }, "metrics": [ … ] },
/// "optimizer_state": { "iterations" } }</c>, the last two only when saved; a functional model's has <c>"class_name": "Functional"</c>
/// and Keras's functional <c>config</c> (<see cref="FunctionalConfig"/>), and its compile settings lists per output
/// (<see cref="CompileConfig"/>). Checksums are CRC-32C as 8 lowercase hex
/// digits: one over each tensor's data bytes and one over the model JSON's UTF-8 bytes, so a damaged byte anywhere is
/// found (the rest of the header is checked by its structure).
/// </summary>
/// <remarks>
/// <see cref="Read"/> checks everything before it returns, in this order, and throws a
/// <see cref="ModelFormatException"/> naming the file, the place and the problem: at least 8 bytes; a header length
/// within the file and at most <see cref="MaxHeaderLength"/>; a header that is one JSON object; NotebookRnn metadata
/// (<c>format</c>), a <c>format_version</c> this build reads (a newer one says which version the file has and which
/// this build reads), a known <c>content</c> and no unknown metadata keys; tensor entries with dtype <c>F32</c>, a
/// shape whose size fits in the data, and offsets that cover the data exactly; the model JSON's checksum; each
/// tensor's checksum; finite values only (the first NaN or infinity is named by tensor and element). Shapes are
/// checked against the data size before anything is allocated, so a damaged header cannot ask for more memory than
/// the file holds.
/// </remarks>
internal static class ModelFile
{
    /// <summary>The value of <c>__metadata__.format</c>.</summary>
    public const string FormatName = "notebookrnn";

    /// <summary>
    /// The format version this build writes and the newest it reads. Version 2: <c>hard_sigmoid</c> is Keras 3's; a
    /// version-1 file's <c>hard_sigmoid</c> meant Keras 2's and is read as <c>hard_sigmoid_keras2</c> (<see cref="FormatUpgrade"/>).
    /// </summary>
    public const int FormatVersion = 2;

    /// <summary>The largest header read, 100 MiB: a longer length field means a damaged or foreign file.</summary>
    public const long MaxHeaderLength = 100L << 20;

    /// <summary><c>content</c> of a file written by <c>Model.Save</c>: configuration, weights, optionally optimizer state.</summary>
    public const string ModelContent = "model";

    /// <summary><c>content</c> of a file written by <c>Model.SaveWeights</c>: weights only.</summary>
    public const string WeightsContent = "weights";

    /// <summary>Prefix of the metadata keys holding each tensor's checksum.</summary>
    public const string ChecksumPrefix = "crc32c/";

    /// <summary>Prefix of the optimizer-state tensor names.</summary>
    public const string OptimizerPrefix = "optimizer/";

    /// <summary>Writes a complete file to <paramref name="stream"/>.</summary>
    /// <param name="stream">Where to write; not closed.</param>
    /// <param name="content"><see cref="ModelContent"/> or <see cref="WeightsContent"/>.</param>
    /// <param name="modelJson">The model configuration; required for <see cref="ModelContent"/>, else null.</param>
    /// <param name="tensors">The tensors, names unique, in the order their data is written.</param>
    public static void Write(Stream stream, string content, string? modelJson, IReadOnlyList<NamedTensor> tensors)
    {
        RequireLittleEndian();
        byte[] header = Header(content, modelJson, tensors);
        Span<byte> length = stackalloc byte[sizeof(ulong)];
        BinaryPrimitives.WriteUInt64LittleEndian(length, (ulong)header.Length);
        stream.Write(length);
        stream.Write(header);
        foreach (NamedTensor tensor in tensors) stream.Write(MemoryMarshal.AsBytes(tensor.Value.Span));
    }

    /// <summary>Reads and checks a whole file (see the remarks of <see cref="ModelFile"/>).</summary>
    /// <exception cref="ModelFormatException">The file is damaged, foreign, newer, or holds non-finite values.</exception>
    /// <exception cref="FileNotFoundException">There is no such file.</exception>
    public static ModelFileContents Read(string path)
    {
        RequireLittleEndian();
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        return new ModelFileReader(path, stream).Read();
    }

    /// <summary>A checksum as stored: 8 lowercase hex digits.</summary>
    public static string ChecksumText(uint checksum) => checksum.ToString("x8", CultureInfo.InvariantCulture);

    private static byte[] Header(string content, string? modelJson, IReadOnlyList<NamedTensor> tensors)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteStartObject("__metadata__");
            json.WriteString("format", FormatName);
            json.WriteString("format_version", FormatVersion.ToString(CultureInfo.InvariantCulture));
            json.WriteString("content", content);
            if (modelJson is not null)
            {
                json.WriteString("model", modelJson);
                json.WriteString("model_crc32c", ChecksumText(Crc32C.Compute(Encoding.UTF8.GetBytes(modelJson))));
            }
            foreach (NamedTensor tensor in tensors)
                json.WriteString(ChecksumPrefix + tensor.Name, ChecksumText(Crc32C.Compute(MemoryMarshal.AsBytes(tensor.Value.Span))));
            json.WriteEndObject();
            long offset = 0;
            foreach (NamedTensor tensor in tensors)
            {
                long end = offset + (long)tensor.Value.Length * sizeof(float);
                json.WriteStartObject(tensor.Name);
                json.WriteString("dtype", "F32");
                json.WriteStartArray("shape");
                foreach (int dimension in tensor.Value.Shape) json.WriteNumberValue(dimension);
                json.WriteEndArray();
                json.WriteStartArray("data_offsets");
                json.WriteNumberValue(offset);
                json.WriteNumberValue(end);
                json.WriteEndArray();
                json.WriteEndObject();
                offset = end;
            }
            json.WriteEndObject();
        }
        while (buffer.Length % 8 != 0) buffer.WriteByte((byte)' ');
        return buffer.ToArray();
    }

    private static void RequireLittleEndian()
    {
        if (!BitConverter.IsLittleEndian)
            throw new PlatformNotSupportedException("NotebookRnn model files hold little-endian float32 data; this machine is big-endian.");
    }
}
