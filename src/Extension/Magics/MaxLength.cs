using System.Globalization;

namespace NotebookRnn.Notebook.Magics;

/// <summary>
/// The value of <c>#!rnn-padding --max-len</c>: a number of steps ≥ 0, or <c>auto</c> for the 95th percentile of the
/// lengths, rounded up.
/// </summary>
public readonly record struct MaxLength
{
    private MaxLength(int? steps) => Steps = steps;

    /// <summary><c>auto</c>: the 95th percentile of the lengths, rounded up.</summary>
    public static MaxLength Auto => new(null);

    /// <summary>The steps given, or null for <see cref="Auto"/>.</summary>
    public int? Steps { get; }

    /// <summary>A fixed number of steps.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="steps"/> is negative.</exception>
    public static MaxLength Of(int steps) => steps >= 0
        ? new MaxLength(steps)
        : throw new ArgumentOutOfRangeException(nameof(steps), steps, "Expected a number of steps ≥ 0.");

    /// <summary>Reads <c>auto</c> (any case) or an integer ≥ 0.</summary>
    public static bool TryParse(string? text, out MaxLength value)
    {
        value = Auto;
        if (string.Equals(text?.Trim(), "auto", StringComparison.OrdinalIgnoreCase)) return true;
        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int steps) || steps < 0) return false;
        value = new MaxLength(steps);
        return true;
    }

    /// <summary><c>auto</c> or the number.</summary>
    public override string ToString() => Steps?.ToString(CultureInfo.InvariantCulture) ?? "auto";
}
