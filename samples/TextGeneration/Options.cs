using System.Globalization;
using NotebookRnn.Devices;

namespace TextGeneration;

/// <summary>Command-line options of the text-generation sample.</summary>
internal sealed record Options(string Corpus, int Epochs, int Generate, long Seed, double? MaxLoss, int Devices)
{
    private const string Usage =
        "usage: TextGeneration --corpus FILE [--epochs N (60)] [--generate CHARS (400)] [--seed N (42)] [--max-loss L] [--devices N (1)]";

    public static Options Parse(string[] args)
    {
        var values = new Dictionary<string, string>();
        for (int i = 0; i < args.Length; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
                throw new ArgumentException($"Expected '--name value' pairs, got '{string.Join(' ', args)}'.\n{Usage}");
            values[args[i][2..]] = args[i + 1];
        }
        string[] unknown = [.. values.Keys.Except(["corpus", "epochs", "generate", "seed", "max-loss", "devices"])];
        if (unknown.Length > 0) throw new ArgumentException($"Unknown option --{unknown[0]}.\n{Usage}");
        if (!values.TryGetValue("corpus", out string? corpus)) throw new ArgumentException($"--corpus is required.\n{Usage}");
        return new Options(corpus, Int(values, "epochs", 60), Int(values, "generate", 400), Int(values, "seed", 42),
            values.TryGetValue("max-loss", out string? maxLoss) ? double.Parse(maxLoss, CultureInfo.InvariantCulture) : null,
            Int(values, "devices", 1));
    }

    private static int Int(Dictionary<string, string> values, string name, int fallback) =>
        !values.TryGetValue(name, out string? text) ? fallback
        : int.TryParse(text, CultureInfo.InvariantCulture, out int value) && value >= 0 ? value
        : throw new ArgumentException($"--{name} expects a whole number ≥ 0, got '{text}'.\n{Usage}");
}
