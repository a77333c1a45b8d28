using NotebookRnn.Sequences;
using NotebookRnn.Layers;

namespace NotebookRnn.Notebook.Charts;

/// <summary>Colours shared by every view, so that real tokens, padding and devices look the same everywhere.</summary>
internal static class Palette
{
    /// <summary>Real (computed, kept) data.</summary>
    public const string Real = "#1f77b4";

    /// <summary>Padding that is computed.</summary>
    public const string Padding = "#c7c7c7";

    /// <summary>Real tokens lost to truncation.</summary>
    public const string Truncated = "#d62728";

    /// <summary>Work skipped by packing.</summary>
    public const string Skipped = "#ffffff";

    /// <summary>Marker lines and secondary text.</summary>
    public const string Marker = "#ff7f0e";

    /// <summary>Second marker colour.</summary>
    public const string SecondMarker = "#2ca02c";

    /// <summary>Axis lines and text.</summary>
    public const string Ink = "#444444";

    /// <summary>Grid lines.</summary>
    public const string Grid = "#e5e5e5";

    /// <summary>A light → dark blue ramp for weights binned into levels (attention maps), lightest for the smallest.</summary>
    public static IReadOnlyList<string> WeightRamp { get; } = ["#f7fbff", "#c6dbef", "#6baed6", "#08306b"];

    private static readonly string[] Series =
        ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"];

    /// <summary>The i-th series colour (plotly's default cycle).</summary>
    public static string SeriesColor(int index) => Series[index % Series.Length];
}
