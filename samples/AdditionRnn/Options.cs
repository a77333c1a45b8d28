using System.Globalization;

namespace AdditionRnn;

/// <summary>Command-line options of the addition sample.</summary>
internal sealed record Options(int Epochs, int TrainingSize, long Seed, double? MinValAccuracy)
{
    private const string Usage =
        "usage: AdditionRnn [--epochs N (30)] [--training-size N (50000)] [--seed N (42)] [--min-val-accuracy A]";

    public static Options Parse(string[] args)
    {
        var values = new Dictionary<string, string>();
        for (int i = 0; i < args.Length; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
                throw new ArgumentException($"Expected '--name value' pairs, got '{string.Join(' ', args)}'.\n{Usage}");
            values[args[i][2..]] = args[i + 1];
        }
        string[] unknown = [.. values.Keys.Except(["epochs", "training-size", "seed", "min-val-accuracy"])];
        if (unknown.Length > 0) throw new ArgumentException($"Unknown option --{unknown[0]}.\n{Usage}");
        return new Options(Int(values, "epochs", 30), Int(values, "training-size", 50000), Int(values, "seed", 42),
            values.TryGetValue("min-val-accuracy", out string? min) ? Fraction("min-val-accuracy", min) : null);
    }

    private static int Int(Dictionary<string, string> values, string name, int fallback) =>
        !values.TryGetValue(name, out string? text) ? fallback
        : int.TryParse(text, CultureInfo.InvariantCulture, out int value) && value >= 0 ? value
        : throw new ArgumentException($"--{name} expects a whole number ≥ 0, got '{text}'.\n{Usage}");

    private static double Fraction(string name, string text) =>
        double.TryParse(text, CultureInfo.InvariantCulture, out double value) && value is >= 0 and <= 1 ? value
        : throw new ArgumentException($"--{name} expects a number in [0, 1], got '{text}'.\n{Usage}");
}
