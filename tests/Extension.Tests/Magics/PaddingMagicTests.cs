namespace NotebookRnn.Notebook.Tests.Magics;

public class PaddingMagicTests
{
    private static MagicTestKit Kit() => new MagicTestKit().With("seqs", Fixtures.Tokens());

    private static string StrategyLine(MimeBundle bundle, string strategy) =>
        bundle.PlainText!.Split('\n').Single(l => l.StartsWith(strategy, StringComparison.Ordinal));

    [Fact]
    public void Token_sequences_give_the_report_of_their_lengths()
    {
        MimeBundle bundle = Kit().Show("#!rnn-padding seqs");
        Assert.StartsWith(PaddingReport.Analyse(Fixtures.Lengths).ToString(), bundle.PlainText);
        Assert.Contains("One batch: 32 samples × 40 steps, 'pre' padding", bundle.PlainText);
        Assert.Equal(3, Fixtures.Count(bundle.Html!, "class=\"nbrnn-plotly\""));
    }

    [Fact]
    public void Options_reach_the_report_and_the_heatmap()
    {
        MimeBundle bundle = Kit().Show("#!rnn-padding seqs --max-len 20 --padding post --truncating post --buckets 2");
        PaddingReport expected = PaddingReport.Analyse(Fixtures.Lengths, 20, Padding.Post, Truncating.Post, buckets: 2);
        Assert.StartsWith(expected.ToString(), bundle.PlainText);
        Assert.Contains("One batch: 32 samples × 20 steps, 'post' padding", bundle.PlainText);
        Assert.Contains("2 auto-buckets", bundle.PlainText);
    }

    [Fact]
    public void Max_len_auto_is_the_95th_percentile_rounded_up()
    {
        int p95 = (int)Math.Ceiling(PaddingReport.Analyse(Fixtures.Lengths).P95);
        Assert.Contains($"maxLen {p95} (requested", Kit().Show("#!rnn-padding seqs --max-len auto").PlainText);
    }

    [Fact]
    public void Lists_and_vector_sequences_work_like_arrays()
    {
        string expected = Kit().Show("#!rnn-padding seqs").PlainText!;
        var list = Fixtures.Tokens().ToList();
        float[][][] vectors = [.. Fixtures.Lengths.Select(l => Enumerable.Range(0, l).Select(_ => new float[] { 1, 2 }).ToArray())];
        Assert.Equal(expected, new MagicTestKit().With("seqs", list).Show("#!rnn-padding seqs").PlainText);
        Assert.Equal(expected, new MagicTestKit().With("seqs", vectors).Show("#!rnn-padding seqs").PlainText);
    }

    [Fact]
    public void Padded_sequences_show_their_own_mask_and_settings()
    {
        PaddedSequences padded = Sequences.PadSequences(Fixtures.Tokens(), maxLen: 25, padding: Padding.Post);
        MimeBundle bundle = new MagicTestKit().With("x", padded).Show("#!rnn-padding x");
        Assert.StartsWith(PaddingReport.Analyse(Fixtures.Lengths, 25, Padding.Post).ToString(), bundle.PlainText);
        Assert.Contains("One batch: 32 samples × 25 steps, 'post' padding", bundle.PlainText);
    }

    [Fact]
    public void A_report_is_drawn_as_it_is()
    {
        PaddingReport report = PaddingReport.Analyse(Fixtures.Lengths, 12);
        Assert.Equal(report.ToString(), new MagicTestKit().With("r", report).Show("#!rnn-padding r").PlainText);
    }

    [Fact]
    public void The_strategy_numbers_in_the_output_are_the_report_numbers()
    {
        PaddingStrategyRow row = PaddingReport.Analyse(Fixtures.Lengths).Strategy(PaddingStrategy.Longest)!;
        string line = StrategyLine(Kit().Show("#!rnn-padding seqs"), "pad to longest");
        Assert.Contains($"{row.ComputedTokens:N0}", line);
        Assert.Contains($"{row.PaddingTokens:N0}", line);
    }

    [Theory]
    [InlineData("#!rnn-padding nope", "unknown variable 'nope'")]
    [InlineData("#!rnn-padding text", "'text' is a string, expected token sequences (int[][]), vector sequences (float[][][]), PaddedSequences or a PaddingReport")]
    [InlineData("#!rnn-padding nothing", "variable 'nothing' is null")]
    [InlineData("#!rnn-padding empty", "'empty' holds no sequence")]
    [InlineData("#!rnn-padding seqs --max-len many", "--max-len must be an integer ≥ 0 or auto, got 'many'")]
    [InlineData("#!rnn-padding seqs --max-len -3", "--max-len must be an integer ≥ 0 or auto, got '-3'")]
    [InlineData("#!rnn-padding seqs --padding middle", "--padding must be pre or post, got 'middle'")]
    [InlineData("#!rnn-padding seqs --truncating both", "--truncating must be pre or post, got 'both'")]
    [InlineData("#!rnn-padding seqs --buckets 0", "--buckets must be ≥ 1, got 0")]
    [InlineData("#!rnn-padding report --max-len 5", "--max-len needs the sequences, but 'report' is a PaddingReport, which has fixed them already")]
    [InlineData("#!rnn-padding holes", "sequence 1 of 'holes' is null")]
    [InlineData("#!rnn-padding", "<variable> is missing")]
    [InlineData("#!rnn-padding seqs --bucket 3", "unknown option '--bucket'")]
    public void Errors_name_the_problem(string line, string problem)
    {
        var kit = Kit().With("text", "hello").With("nothing", null).With("empty", Array.Empty<int[]>())
            .With("report", PaddingReport.Analyse([1, 2])).With("holes", new int[]?[] { [1], null });
        Assert.Equal($"#!rnn-padding: {problem}. Usage: {NotebookRnn.Notebook.Magics.MagicCommands.Info("#!rnn-padding").Usage}", kit.Fail(line));
    }
}
