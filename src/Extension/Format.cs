using System.Globalization;

namespace NotebookRnn.Notebook;

/// <summary>Culture-invariant number formats, so that every rendering is byte-for-byte reproducible.</summary>
internal static class Format
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>A count with thousands separators: 12,345.</summary>
    public static string Count(long value) => value.ToString("N0", Invariant);

    /// <summary>A value with at most <paramref name="decimals"/> decimals, no trailing zeros: 0.25, 3.</summary>
    public static string Number(double value, int decimals = 2) =>
        double.IsNaN(value) ? "NaN" : double.IsInfinity(value) ? (value > 0 ? "∞" : "-∞") :
        Math.Round(value, decimals).ToString("#,0." + new string('#', decimals), Invariant);

    /// <summary>A value with exactly <paramref name="decimals"/> decimals and no separators: 0.2500.</summary>
    public static string Fixed(double value, int decimals) => value.ToString("F" + decimals, Invariant);

    /// <summary>A share as a percentage with one decimal: 12.5%.</summary>
    public static string Percent(double share) => share.ToString("0.0%", Invariant);

    /// <summary>An SVG coordinate: one decimal, no separators.</summary>
    public static string Coordinate(double value) => Math.Round(value, 1).ToString("0.#", Invariant);

    /// <summary>A symbolic dimension: the number, or <c>None</c>.</summary>
    public static string Dimension(int? value) => value?.ToString(Invariant) ?? "None";

    /// <summary>A count with a singular or plural noun: 1 step, 3 steps.</summary>
    public static string Plural(long count, string noun) => $"{Count(count)} {noun}{(count == 1 ? "" : "s")}";
}
