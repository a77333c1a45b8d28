using System.Globalization;

namespace NotebookRnn.Tensors;

/// <summary>
/// Reading and comparing the configuration of a small Keras object — an initializer, regularizer or constraint:
/// key → <c>null</c>, boolean, string, number (<c>int</c>, <c>long</c>, <c>float</c>, <c>double</c>), list of numbers
/// or nested object (a serialized array such as <c>Constant</c>'s value), as <c>get_config</c> writes it. Errors name the class, the key, the expected and the actual value.
/// </summary>
internal static class ObjectConfig
{
    /// <summary>Checks that <paramref name="config"/> holds no key outside <paramref name="known"/>.</summary>
    /// <exception cref="ArgumentException">An unknown key.</exception>
    public static void CheckKeys(string className, IReadOnlyDictionary<string, object?> config, params string[] known)
    {
        foreach (string key in config.Keys)
            if (!known.Contains(key))
                throw new ArgumentException(
                    $"{className} config has unknown key \"{key}\"; expected only {(known.Length == 0 ? "no keys" : string.Join(", ", known))}.",
                    nameof(config));
    }

    /// <summary>The number under <paramref name="key"/>, or <paramref name="fallback"/> when missing.</summary>
    /// <exception cref="ArgumentException">The value is not a number.</exception>
    public static double Double(string className, IReadOnlyDictionary<string, object?> config, string key, double fallback) =>
        !config.TryGetValue(key, out object? value) ? fallback : value switch
        {
            double or float or int or long => Convert.ToDouble(value, CultureInfo.InvariantCulture),
            _ => throw Bad(className, key, "a number", value),
        };

    /// <summary>The integer under <paramref name="key"/>, or <paramref name="fallback"/> when missing.</summary>
    /// <exception cref="ArgumentException">The value is not an integer.</exception>
    public static int Int(string className, IReadOnlyDictionary<string, object?> config, string key, int fallback) =>
        !config.TryGetValue(key, out object? value) ? fallback : value switch
        {
            int number => number,
            long number when number is >= int.MinValue and <= int.MaxValue => (int)number,
            double number when number == Math.Floor(number) && Math.Abs(number) <= int.MaxValue => (int)number,
            _ => throw Bad(className, key, "an integer", value),
        };

    /// <summary>A seed: an integer or <c>null</c> (missing: <c>null</c>).</summary>
    /// <exception cref="ArgumentException">The value is neither.</exception>
    public static long? Seed(string className, IReadOnlyDictionary<string, object?> config) =>
        !config.TryGetValue("seed", out object? value) ? null : value switch
        {
            null => null,
            int number => number,
            long number => number,
            double number when number == Math.Floor(number) && Math.Abs(number) < 9.2e18 => (long)number,
            _ => throw Bad(className, "seed", "an integer or null", value),
        };

    /// <summary>The string under <paramref name="key"/>, or <paramref name="fallback"/> when missing.</summary>
    /// <exception cref="ArgumentException">The value is not a string.</exception>
    public static string String(string className, IReadOnlyDictionary<string, object?> config, string key, string fallback) =>
        !config.TryGetValue(key, out object? value) ? fallback
            : value as string ?? throw Bad(className, key, "a string", value);

    /// <summary>
    /// How a layer configuration holds an object: its <paramref name="name"/> when the object is what that name gives
    /// (<paramref name="namedConfig"/>, the named object's configuration, is the same), else Keras's
    /// <c>{ "class_name": …, "config": { … } }</c>.
    /// </summary>
    public static object Form(string name, string className, IReadOnlyDictionary<string, object?> config, IReadOnlyDictionary<string, object?>? namedConfig) =>
        namedConfig is not null && Same(config, namedConfig)
            ? name
            : new Dictionary<string, object?> { ["class_name"] = className, ["config"] = config };

    /// <summary>Whether two configurations hold the same keys and values (numbers compared as doubles).</summary>
    public static bool Same(IReadOnlyDictionary<string, object?> a, IReadOnlyDictionary<string, object?> b) =>
        a.Count == b.Count && a.All(entry => b.TryGetValue(entry.Key, out object? other) && SameValue(entry.Value, other));

    private static bool SameValue(object? a, object? b) => (a, b) switch
    {
        (null, null) => true,
        (double or float or int or long, double or float or int or long) =>
            Convert.ToDouble(a, CultureInfo.InvariantCulture) == Convert.ToDouble(b, CultureInfo.InvariantCulture),
        (float[] x, float[] y) => x.AsSpan().SequenceEqual(y),
        _ => Equals(a, b),
    };

    private static ArgumentException Bad(string className, string key, string expected, object? actual) =>
        new($"{className} config key \"{key}\" must be {expected}, got {Describe(actual)}.", key);

    private static string Describe(object? value) => value switch
    {
        null => "null",
        string text => $"\"{text}\"",
        IFormattable number => number.ToString(null, CultureInfo.InvariantCulture),
        _ => value.GetType().Name,
    };
}
