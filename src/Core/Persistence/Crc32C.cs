using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;

namespace NotebookRnn.Persistence;

/// <summary>
/// CRC-32C (Castagnoli: reflected polynomial 0x82F63B78, initial value and final XOR 0xFFFFFFFF; <c>"123456789"</c> →
/// 0xE3069283), the checksum of saved weights. SSE 4.2's <c>crc32</c> instruction computes it at memory speed; other
/// machines use the byte-at-a-time table, which gives the same value.
/// </summary>
internal static class Crc32C
{
    private const uint Polynomial = 0x82F63B78;
    private static readonly uint[] Table = CreateTable();

    /// <summary>The CRC-32C of <paramref name="data"/>.</summary>
    public static uint Compute(ReadOnlySpan<byte> data) => Append(0, data);

    /// <summary>The CRC-32C of the bytes whose CRC is <paramref name="crc"/> followed by <paramref name="data"/>.</summary>
    public static uint Append(uint crc, ReadOnlySpan<byte> data) =>
        ~(Sse42.X64.IsSupported ? UpdateWithInstruction(~crc, data) : UpdateWithTable(~crc, data));

    /// <summary>The table path on its own, so tests can compare it with the instruction path.</summary>
    internal static uint ComputeWithTable(ReadOnlySpan<byte> data) => ~UpdateWithTable(~0u, data);

    private static uint UpdateWithTable(uint state, ReadOnlySpan<byte> data)
    {
        foreach (byte b in data) state = Table[(byte)(state ^ b)] ^ (state >> 8);
        return state;
    }

    private static uint UpdateWithInstruction(uint state, ReadOnlySpan<byte> data)
    {
        ulong wide = state;
        ReadOnlySpan<ulong> words = MemoryMarshal.Cast<byte, ulong>(data);
        foreach (ulong word in words) wide = Sse42.X64.Crc32(wide, BitConverter.IsLittleEndian ? word : BinaryPrimitives.ReverseEndianness(word));
        state = (uint)wide;
        foreach (byte b in data[(words.Length * sizeof(ulong))..]) state = Sse42.Crc32(state, b);
        return state;
    }

    private static uint[] CreateTable()
    {
        var table = new uint[256];
        for (uint i = 0; i < table.Length; i++)
        {
            uint entry = i;
            for (int bit = 0; bit < 8; bit++) entry = (entry & 1) != 0 ? (entry >> 1) ^ Polynomial : entry >> 1;
            table[i] = entry;
        }
        return table;
    }
}
