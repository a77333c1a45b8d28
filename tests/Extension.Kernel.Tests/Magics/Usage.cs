namespace NotebookRnn.Notebook.Kernel.Tests.Magics;

/// <summary>The usage line of each magic, as its errors end and the docs write it.</summary>
internal static class Usage
{
    public const string Padding = "#!rnn-padding <variable> [--max-len N|auto] [--padding pre|post] [--truncating pre|post] [--buckets K]";
    public const string Unroll = "#!rnn-unroll <modelVariable> [--layer NAME] [--input VARIABLE] [--sample I] [--max-steps N]";
    public const string Devices = "#!rnn-devices [--use cpu:0,cpu:1]";
    public const string Live = "#!rnn-live [on|off]";
    public const string Summary = "#!rnn-summary <modelVariable>";
    public const string Graph = "#!rnn-graph <modelVariable>";

    /// <summary>Every magic's name, in the order of the docs.</summary>
    public static IReadOnlyList<string> Magics { get; } = ["#!rnn-padding", "#!rnn-unroll", "#!rnn-devices", "#!rnn-live", "#!rnn-summary", "#!rnn-graph"];
}
