namespace NotebookRnn.Losses;

/// <summary>The check of a <c>labelSmoothing</c> argument.</summary>
internal static class LabelSmoothingArgument
{
    /// <summary>Returns <paramref name="labelSmoothing"/> when it is in [0, 1].</summary>
    /// <exception cref="ArgumentOutOfRangeException">It is outside [0, 1] or NaN.</exception>
    public static double Check(double labelSmoothing) => labelSmoothing is >= 0 and <= 1
        ? labelSmoothing
        : throw new ArgumentOutOfRangeException(nameof(labelSmoothing), labelSmoothing, $"labelSmoothing must be in [0, 1], got {labelSmoothing}.");
}
