using System.Buffers.Binary;
using NotebookRnn.Files;
using NotebookRnn.Tensors;

namespace Distributed;

/// <summary>Files of raw little-endian float32 values, no header: what --weights-out and --probe-out write.</summary>
internal static class Float32File
{
    /// <summary>Writes every value of <paramref name="tensors"/>, in order, atomically (a reader never sees half a file).</summary>
    public static void Write(string path, IEnumerable<Tensor> tensors) => AtomicFile.Write(path, stream =>
    {
        var bytes = new byte[sizeof(float)];
        foreach (Tensor tensor in tensors)
            foreach (float value in tensor.Span)
            {
                BinaryPrimitives.WriteSingleLittleEndian(bytes, value);
                stream.Write(bytes);
            }
    });
}
