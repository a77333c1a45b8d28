using System.Text;
using NotebookRnn.Text;

namespace NotebookRnn.Tests.Text;

public class TextFileTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("nbrnn-text-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Nietzsche_as_latin1_has_600902_characters_and_59_symbols()
    {
        string text = TextFile.Read(SharedData.PathOf("nietzsche.txt"), TextEncoding.Latin1);
        Assert.Equal(600_902, text.Length);
        Assert.Equal(59, text.Distinct().Count());
    }

    [Fact]
    public void Nietzsche_as_utf8_reports_the_first_invalid_byte_instead_of_replacing_it()
    {
        string path = SharedData.PathOf("nietzsche.txt");
        var error = Assert.Throws<InvalidTextEncodingException>(() => TextFile.Read(path, TextEncoding.Utf8));
        Assert.Equal(394_533, error.ByteOffset);
        Assert.Equal(6_275, error.Line);
        Assert.Equal(56, error.Column);
        Assert.Equal(path, error.FilePath);
        Assert.Contains($"File \"{path}\" is not valid UTF-8: the first invalid byte is at offset 394,533 (line 6275", error.Message);
        Assert.Contains("bytes 0xE3 0xA4 0x74", error.Message);
    }

    [Fact]
    public void Nietzsche_as_utf8_with_replacement_decodes_the_invalid_sequences_as_U_FFFD()
    {
        string text = TextFile.Read(SharedData.PathOf("nietzsche.txt"), TextEncoding.Utf8, replaceInvalid: true);
        Assert.Contains('\uFFFD', text);
        Assert.StartsWith("preface\n\n\nsupposing that truth is a woman", text);
        Assert.True(text.Length < 600_902, $"Expected fewer characters than bytes, got {text.Length}.");
    }

    [Fact]
    public void Latin1_maps_every_byte_to_the_character_of_the_same_value()
    {
        byte[] bytes = Enumerable.Range(0, 256).Select(b => (byte)b).ToArray();
        string text = TextFile.Read(Write("all.bin", bytes), TextEncoding.Latin1);
        Assert.Equal(new string(Enumerable.Range(0, 256).Select(c => (char)c).ToArray()), text);
    }

    [Fact]
    public void Utf8_decodes_multibyte_characters_and_skips_a_byte_order_mark()
    {
        byte[] bytes = [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("naïve €")];
        Assert.Equal("naïve €", TextFile.Read(Write("bom.txt", bytes), TextEncoding.Utf8));
    }

    [Fact]
    public void Offsets_count_from_the_start_of_the_file_including_the_byte_order_mark()
    {
        byte[] bytes = [0xEF, 0xBB, 0xBF, (byte)'a', (byte)'\n', (byte)'b', 0xFF];
        var error = Assert.Throws<InvalidTextEncodingException>(() => TextFile.Read(Write("bad.txt", bytes), TextEncoding.Utf8));
        Assert.Equal(6, error.ByteOffset);
        Assert.Equal(2, error.Line);
        Assert.Equal(2, error.Column);
    }

    [Fact]
    public void A_sequence_cut_off_at_the_end_of_the_file_is_invalid()
    {
        var error = Assert.Throws<InvalidTextEncodingException>(() => TextFile.Decode("ab\u20AC"u8[..4], TextEncoding.Utf8));
        Assert.Equal(2, error.ByteOffset);
        Assert.Equal("<bytes>", error.FilePath);
    }

    [Fact]
    public void A_missing_file_is_reported_with_its_path()
    {
        string path = Path.Combine(_directory, "missing.txt");
        var error = Assert.Throws<FileNotFoundException>(() => TextFile.Read(path, TextEncoding.Utf8));
        Assert.Contains(path, error.Message);
    }

    private string Write(string name, byte[] bytes)
    {
        string path = Path.Combine(_directory, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }
}
