using NotebookRnn.Notebook.Kernel.Tests.Hosting;

namespace NotebookRnn.Notebook.Kernel.Tests.Magics;

[Collection(KernelTests.Name)]
public class PaddingMagicTests(Kernels kernels)
{
    private static readonly string[] Chart = ["text/html", "image/svg+xml", "text/plain"];

    private NotebookSession Session => kernels.Shared;

    private async Task<Microsoft.DotNet.Interactive.Events.DisplayedValueProduced> ShowAsync(string declarations, string line)
    {
        await Session.RunSucceedingAsync(declarations);
        return await Session.ShowAsync(line);
    }

    private Task<(string MimeType, string Content)[]> ViewOfAsync(string expression) =>
        Session.EvaluateAsync<(string, string)[]>($"ViewOf({expression})");

    [Fact]
    public async Task Token_sequences_show_the_report_of_their_lengths_and_their_first_batch()
    {
        var output = await ShowAsync("var seqs = Tokens();", "#!rnn-padding seqs");
        Assert.Equal(Chart, output.MimeTypes());
        output.AssertIsView(await ViewOfAsync("PaddingView.FromLengths(lengths)"));
        Assert.StartsWith(await Session.EvaluateAsync<string>("PaddingReport.Analyse(lengths).ToString()"), output.PlainText());
        Assert.Contains("One batch: 32 samples × 40 steps, 'pre' padding", output.PlainText());
        Assert.Equal(3, Occurrences(output.Html(), "class=\"nbrnn-plotly\""));
    }

    [Fact]
    public async Task Options_reach_the_report_and_the_heatmap()
    {
        var output = await ShowAsync("var seqs = Tokens();", "#!rnn-padding seqs --max-len 20 --padding post --truncating post --buckets 2");
        output.AssertIsView(await ViewOfAsync("PaddingView.FromLengths(lengths, 20, Padding.Post, Truncating.Post, buckets: 2)"));
        Assert.StartsWith(await Session.EvaluateAsync<string>("PaddingReport.Analyse(lengths, 20, Padding.Post, Truncating.Post, buckets: 2).ToString()"),
            output.PlainText());
        Assert.Contains("One batch: 32 samples × 20 steps, 'post' padding", output.PlainText());
        Assert.Contains("2 auto-buckets", output.PlainText());
    }

    [Fact]
    public async Task Option_values_are_read_in_any_case()
    {
        var output = await ShowAsync("var seqs = Tokens();", "#!rnn-padding seqs --max-len AUTO --padding Post --truncating POST");
        int p95 = await Session.EvaluateAsync<int>("(int)Math.Ceiling(PaddingReport.Analyse(lengths).P95)");
        output.AssertIsView(await ViewOfAsync($"PaddingView.FromLengths(lengths, {p95}, Padding.Post, Truncating.Post)"));
    }

    [Fact]
    public async Task Max_len_auto_is_the_95th_percentile_rounded_up()
    {
        var output = await ShowAsync("var seqs = Tokens();", "#!rnn-padding seqs --max-len auto");
        int p95 = await Session.EvaluateAsync<int>("(int)Math.Ceiling(PaddingReport.Analyse(lengths).P95)");
        Assert.Equal(30, p95);
        Assert.Contains($"maxLen {p95} (requested", output.PlainText());
    }

    [Fact]
    public async Task Lists_and_vector_sequences_show_what_arrays_of_the_same_lengths_show()
    {
        string arrays = (await ShowAsync("var seqs = Tokens();", "#!rnn-padding seqs")).PlainText();
        string list = (await ShowAsync("var list = Tokens().ToList();", "#!rnn-padding list")).PlainText();
        string vectors = (await ShowAsync(
            "float[][][] vectors = lengths.Select(l => Enumerable.Range(0, l).Select(_ => new float[] { 1, 2 }).ToArray()).ToArray();",
            "#!rnn-padding vectors")).PlainText();
        Assert.Equal(arrays, list);
        Assert.Equal(arrays, vectors);
    }

    [Fact]
    public async Task Padded_sequences_show_their_own_mask_and_settings()
    {
        var output = await ShowAsync("var padded = Sequences.PadSequences(Tokens(), maxLen: 25, padding: Padding.Post);", "#!rnn-padding padded");
        output.AssertIsView(await ViewOfAsync("PaddingView.FromPadded(padded)"));
        Assert.StartsWith(await Session.EvaluateAsync<string>("PaddingReport.Analyse(lengths, 25, Padding.Post).ToString()"), output.PlainText());
        Assert.Contains("One batch: 32 samples × 25 steps, 'post' padding", output.PlainText());
    }

    [Fact]
    public async Task Options_on_padded_sequences_analyse_their_original_lengths_again()
    {
        var output = await ShowAsync("var padded = Sequences.PadSequences(Tokens(), maxLen: 25, padding: Padding.Post);", "#!rnn-padding padded --max-len 10");
        output.AssertIsView(await ViewOfAsync("PaddingView.FromLengths(lengths, 10, Padding.Post)"));
    }

    [Fact]
    public async Task A_report_is_drawn_as_it_is()
    {
        var output = await ShowAsync("var report = PaddingReport.Analyse(lengths, 12);", "#!rnn-padding report");
        output.AssertIsView(await ViewOfAsync("report"));
        Assert.Equal(await Session.EvaluateAsync<string>("report.ToString()"), output.PlainText());
    }

    [Fact]
    public async Task The_strategy_numbers_in_the_output_are_the_report_numbers()
    {
        var output = await ShowAsync("var seqs = Tokens();", "#!rnn-padding seqs");
        string computed = await Session.EvaluateAsync<string>("$\"{PaddingReport.Analyse(lengths).Strategy(PaddingStrategy.Longest)!.ComputedTokens:N0}\"");
        string padding = await Session.EvaluateAsync<string>("$\"{PaddingReport.Analyse(lengths).Strategy(PaddingStrategy.Longest)!.PaddingTokens:N0}\"");
        string line = output.PlainText().Split('\n').Single(l => l.StartsWith("pad to longest", StringComparison.Ordinal));
        Assert.Contains(computed, line);
        Assert.Contains(padding, line);
    }

    [Theory]
    [InlineData("#!rnn-padding nope", "unknown variable 'nope'")]
    [InlineData("#!rnn-padding text", "'text' is a string, expected token sequences (int[][]), vector sequences (float[][][]), PaddedSequences or a PaddingReport")]
    [InlineData("#!rnn-padding nothing", "variable 'nothing' is null")]
    [InlineData("#!rnn-padding empty", "'empty' holds no sequence")]
    [InlineData("#!rnn-padding holes", "sequence 1 of 'holes' is null")]
    [InlineData("#!rnn-padding", "<variable> is missing")]
    [InlineData("#!rnn-padding --buckets 2", "<variable> is missing")]
    [InlineData("#!rnn-padding \"\"", "<variable> is missing")]
    [InlineData("#!rnn-padding seqs --max-len many", "--max-len must be an integer ≥ 0 or auto, got 'many'")]
    [InlineData("#!rnn-padding seqs --max-len -3", "--max-len must be an integer ≥ 0 or auto, got '-3'")]
    [InlineData("#!rnn-padding seqs --padding middle", "--padding must be pre or post, got 'middle'")]
    [InlineData("#!rnn-padding seqs --truncating both", "--truncating must be pre or post, got 'both'")]
    [InlineData("#!rnn-padding seqs --buckets 0", "--buckets must be an integer ≥ 1, got '0'")]
    [InlineData("#!rnn-padding seqs --buckets abc", "--buckets must be an integer ≥ 1, got 'abc'")]
    [InlineData("#!rnn-padding seqs --buckets 2.5", "--buckets must be an integer ≥ 1, got '2.5'")]
    [InlineData("#!rnn-padding report --max-len 5", "--max-len needs the sequences, but 'report' is a PaddingReport, which has fixed them already")]
    [InlineData("#!rnn-padding report --buckets 2", "--buckets needs the sequences, but 'report' is a PaddingReport, which has fixed them already")]
    public async Task Errors_name_the_problem_and_end_with_the_usage(string line, string problem)
    {
        await Session.RunSucceedingAsync("""
            var seqs = Tokens();
            string text = "hello";
            object nothing = null;
            var empty = Array.Empty<int[]>();
            var report = PaddingReport.Analyse([1, 2]);
            var holes = new int[][] { [1], null };
            """);
        await Session.FailAsync(line, problem, Usage.Padding);
    }

    [Fact]
    public async Task An_unknown_option_is_the_kernel_error()
    {
        await Session.RunSucceedingAsync("var seqs = Tokens();");
        Cell cell = await Session.RunAsync("#!rnn-padding seqs --bucket 3");
        Assert.Empty(cell.Displays);
        Assert.EndsWith("error DNI103: Unrecognized parameter name '--bucket'", cell.SingleError);
    }

    private static int Occurrences(string text, string part) => (text.Length - text.Replace(part, "").Length) / part.Length;
}
