using System.Text;
using NotebookRnn.Persistence;
using NotebookRnn.Tensors;

namespace NotebookRnn.Tests.Persistence;

public class Crc32CTests
{
    [Fact]
    public void The_check_value_of_the_standard_is_reproduced()
    {
        Assert.Equal(0xE3069283u, Crc32C.Compute("123456789"u8));
        Assert.Equal(0u, Crc32C.Compute([]));
        Assert.Equal(0x8A9136AAu, Crc32C.Compute(new byte[32]));
    }

    [Fact]
    public void The_instruction_and_table_paths_agree_on_every_length_and_alignment()
    {
        var random = new RandomGenerator(3);
        byte[] data = [.. Enumerable.Range(0, 300).Select(_ => (byte)random.NextInt(256))];
        for (int start = 0; start < 8; start++)
            for (int length = 0; length <= 256; length++)
            {
                ReadOnlySpan<byte> slice = data.AsSpan(start, length);
                Assert.Equal(Crc32C.ComputeWithTable(slice), Crc32C.Compute(slice));
            }
    }

    [Fact]
    public void Appending_equals_computing_over_the_concatenation()
    {
        byte[] text = Encoding.UTF8.GetBytes("The quick brown fox jumps over the lazy dog");
        for (int split = 0; split <= text.Length; split++)
            Assert.Equal(Crc32C.Compute(text), Crc32C.Append(Crc32C.Compute(text.AsSpan(0, split)), text.AsSpan(split)));
    }
}
