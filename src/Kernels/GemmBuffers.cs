using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace NotebookRnn.Kernels;

/// <summary>
/// Per-thread packing buffers for <see cref="GemmDriver"/>: pinned, 64-byte aligned, grown on demand and kept,
/// so a thread allocates nothing once it has run its largest problem.
/// </summary>
internal static unsafe class GemmBuffers
{
    private const int AlignmentFloats = 16;

    [ThreadStatic] private static float[]? s_packedA;
    [ThreadStatic] private static float[]? s_packedB;

    /// <summary>An aligned buffer of at least <paramref name="length"/> floats for packed A panels.</summary>
    public static float* PackedA(int length) => Aligned(ref s_packedA, length);

    /// <summary>An aligned buffer of at least <paramref name="length"/> floats for packed B panels.</summary>
    public static float* PackedB(int length) => Aligned(ref s_packedB, length);

    /// <summary>
    /// A 64-byte aligned pointer to at least <paramref name="length"/> floats of <paramref name="buffer"/>, which
    /// is replaced by a larger pinned array when too small.
    /// </summary>
    public static float* Aligned(ref float[]? buffer, int length)
    {
        if (buffer is null || buffer.Length < length + AlignmentFloats)
            buffer = GC.AllocateUninitializedArray<float>(length + AlignmentFloats, pinned: true);
        // The array lives on the pinned object heap, so its address never changes.
        nint address = (nint)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(buffer));
        return (float*)((address + 63) & ~(nint)63);
    }
}
