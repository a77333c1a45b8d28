namespace NotebookRnn.Kernels.Tests;

/// <summary>Inputs shared by the elementwise and activation tests.</summary>
internal static class TestValues
{
    /// <summary>Every length 0..256 runs every vector loop (16, 8, 4 lanes) and every scalar tail of each.</summary>
    public const int MaxLength = 256;

    /// <summary><paramref name="n"/> values of 3·sin(0.7·i + phase): both signs, no zeros at the small lengths.</summary>
    public static float[] Wave(int n, double phase, double amplitude = 3) =>
        [.. Enumerable.Range(0, n).Select(i => (float)(Math.Sin(i * 0.7 + phase) * amplitude))];

    /// <summary>The expected values, computed one float at a time.</summary>
    public static float[] Each(int n, Func<int, float> value) => [.. Enumerable.Range(0, n).Select(value)];
}
