using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace NotebookRnn.Kernels;

/// <summary>
/// The checks every public kernel entry makes before it touches memory (the loops behind them read and write
/// unchecked). Errors name the argument, the length it needs and the length it got.
/// </summary>
internal static class Lengths
{
    /// <summary>Throws unless <paramref name="actual"/> ≥ <paramref name="needed"/>; <paramref name="why"/> says where the need comes from.</summary>
    /// <exception cref="ArgumentException">The span <paramref name="name"/> is too short.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void AtLeast(long actual, long needed, string name, string why)
    {
        if (actual < needed) ThrowTooShort(actual, needed, name, why);
    }

    /// <summary>Throws unless <paramref name="value"/> ≥ 0.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="value"/> is negative.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void NotNegative(int value, string name)
    {
        if (value < 0) ThrowNegative(value, name);
    }

    /// <summary>
    /// Throws unless the <paramref name="length"/> values of <paramref name="name"/> are whole rows of
    /// <paramref name="rowLength"/> (<paramref name="rowLengthName"/>); no values are whole rows of any length.
    /// </summary>
    /// <exception cref="ArgumentException">The values end inside a row, or there are values and rows are empty.</exception>
    public static void WholeRows(int length, int rowLength, string name, string rowLengthName)
    {
        if (length == 0) return;
        if (rowLength <= 0 || length % rowLength != 0)
            throw new ArgumentException($"{name} must hold whole rows of {rowLengthName} = {rowLength} values, got {length} values.", name);
    }

    [DoesNotReturn]
    private static void ThrowTooShort(long actual, long needed, string name, string why) =>
        throw new ArgumentException($"{name} must hold at least {needed} values ({why}), got {actual}.", name);

    [DoesNotReturn]
    private static void ThrowNegative(int value, string name) =>
        throw new ArgumentOutOfRangeException(name, value, $"{name} must be ≥ 0, got {value}.");
}
