using NotebookRnn.Samples;

namespace TextGeneration;

/// <summary>Command-line options of the text-generation sample.</summary>
internal sealed record Options(string Corpus, int Epochs, int Generate, long Seed, double? MaxLoss, int Devices)
{
    private const string Usage =
        "usage: TextGeneration --corpus FILE [--epochs N (60)] [--generate CHARS (400)] [--seed N (42)] [--max-loss L] [--devices N (1)]";

    public static Options Parse(string[] args)
    {
        var values = new NamedArguments(args, ["corpus", "epochs", "generate", "seed", "max-loss", "devices"], Usage);
        return new Options(values.Required("corpus"), values.Int("epochs", 60), values.Int("generate", 400), values.Int("seed", 42),
            values.Number("max-loss"), values.Int("devices", 1));
    }
}
