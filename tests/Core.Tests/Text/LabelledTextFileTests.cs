using NotebookRnn.Text;

namespace NotebookRnn.Tests.Text;

public class LabelledTextFileTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("nbrnn-labelled-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Csv_with_a_header_reads_quoted_fields_doubled_quotes_and_embedded_newlines()
    {
        string csv =
            "id,label,text\n" +
            "1,pos,\"Great, really great\"\n" +
            "2,neg,\"He said \"\"no\"\" twice\"\n" +
            "3,pos,\"first line\nsecond line\"\n";
        var data = LabelledTextFile.Read(Write("reviews.csv", csv), ',', labelColumn: 1, textColumn: 2, hasHeader: true);

        Assert.Equal(3, data.Count);
        Assert.Equal(["pos", "neg", "pos"], data.Labels);
        Assert.Equal(["Great, really great", "He said \"no\" twice", "first line\nsecond line"], data.Texts);
        Assert.Equal("label", data.LabelHeader);
        Assert.Equal("text", data.TextHeader);
        Assert.Equal(["neg", "pos"], data.ClassNames);
        Assert.Equal([1, 0, 1], data.LabelIds);
    }

    [Fact]
    public void Tsv_without_a_header_keeps_quotes_inside_unquoted_fields()
    {
        string tsv = "He said \"hi\" to me\t1\r\nbye\t0\r\n";
        var data = LabelledTextFile.Parse(tsv, '\t', labelColumn: 1, textColumn: 0, hasHeader: false);
        Assert.Equal(["He said \"hi\" to me", "bye"], data.Texts);
        Assert.Equal(["1", "0"], data.Labels);
        Assert.Null(data.LabelHeader);
    }

    [Fact]
    public void Blank_lines_are_skipped_and_crlf_inside_quotes_is_kept()
    {
        string csv = "\r\npos,\"a\r\nb\"\r\n\r\n\nneg,\"\"\n";
        var data = LabelledTextFile.Parse(csv, ',', 0, 1, hasHeader: false);
        Assert.Equal(["a\r\nb", ""], data.Texts);
        Assert.Equal(["pos", "neg"], data.Labels);
    }

    [Fact]
    public void Extra_columns_and_a_missing_final_newline_are_fine()
    {
        var data = LabelledTextFile.Parse("x,a,b,c\ny,d,e,", ',', 0, 2, hasHeader: false);
        Assert.Equal(["b", "e"], data.Texts);
        Assert.Equal(["x", "y"], data.Labels);
    }

    [Fact]
    public void An_unclosed_quote_is_reported_where_it_opens()
    {
        string path = Write("open.csv", "pos,fine\nneg,\"never closed\nmore\n");
        var error = Assert.Throws<LabelledTextFormatException>(() => LabelledTextFile.Read(path, ',', 0, 1, hasHeader: false));
        Assert.Equal(2, error.Line);
        Assert.Equal(5, error.Column);
        Assert.Equal(path, error.FilePath);
        Assert.StartsWith($"{path}, line 2, column 5: the quoted field that starts here is never closed.", error.Message);
    }

    [Fact]
    public void Text_after_a_closing_quote_is_reported_where_it_appears()
    {
        var error = Assert.Throws<LabelledTextFormatException>(() =>
            LabelledTextFile.Parse("pos,\"a\"b\n", ',', 0, 1, hasHeader: false, source: "inline.csv"));
        Assert.Equal(1, error.Line);
        Assert.Equal(8, error.Column);
        Assert.Contains("inline.csv, line 1, column 8: unexpected 'b' after a closing quote", error.Message);
    }

    [Fact]
    public void A_record_with_too_few_fields_names_its_line_and_the_columns_needed()
    {
        var error = Assert.Throws<LabelledTextFormatException>(() =>
            LabelledTextFile.Parse("pos,a\nneg\npos,c\n", ',', 0, 1, hasHeader: false));
        Assert.Equal(2, error.Line);
        Assert.Equal(4, error.Column);
        Assert.Contains("expected at least 2 fields (label column 0, text column 1), found 1.", error.Message);
    }

    [Fact]
    public void Invalid_delimiters_and_columns_are_rejected()
    {
        Assert.Equal("delimiter", Assert.Throws<ArgumentException>(() => LabelledTextFile.Parse("", '"', 0, 1, false)).ParamName);
        Assert.Contains("got 1 for both", Assert.Throws<ArgumentException>(() => LabelledTextFile.Parse("", ',', 1, 1, false)).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => LabelledTextFile.Parse("", ',', -1, 1, false));
    }

    [Fact]
    public void Files_are_decoded_strictly_with_the_chosen_encoding()
    {
        string path = Path.Combine(_directory, "latin1.tsv");
        File.WriteAllBytes(path, [(byte)'c', (byte)'a', (byte)'f', 0xE9, (byte)'\t', (byte)'1', (byte)'\n']);
        Assert.Throws<InvalidTextEncodingException>(() => LabelledTextFile.Read(path, '\t', 1, 0, hasHeader: false));
        Assert.Equal(["café"], LabelledTextFile.Read(path, '\t', 1, 0, hasHeader: false, TextEncoding.Latin1).Texts);
    }

    private string Write(string name, string content)
    {
        string path = Path.Combine(_directory, name);
        File.WriteAllText(path, content);
        return path;
    }
}
