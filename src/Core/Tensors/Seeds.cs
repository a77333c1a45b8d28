namespace NotebookRnn.Tensors;

/// <summary>
/// The global seed, like <c>keras.utils.set_random_seed</c>. Models created without their own seed draw their
/// seed from here, so one call makes a whole script reproducible.
/// </summary>
public static class Seeds
{
    private static RandomGenerator _global = new(Environment.TickCount64);
    private static readonly object Gate = new();

    /// <summary>Resets the global generator to <paramref name="seed"/>.</summary>
    public static void Set(long seed)
    {
        lock (Gate) _global = new RandomGenerator(seed);
    }

    /// <summary>Draws a fresh seed from the global generator.</summary>
    public static long Next()
    {
        lock (Gate) return unchecked((long)_global.NextUInt64());
    }
}
