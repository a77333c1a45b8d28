using NotebookRnn.Samples;

namespace AdditionRnn;

/// <summary>Command-line options of the addition sample.</summary>
internal sealed record Options(int Epochs, int TrainingSize, long Seed, double? MinValAccuracy)
{
    private const string Usage =
        "usage: AdditionRnn [--epochs N (30)] [--training-size N (50000)] [--seed N (42)] [--min-val-accuracy A]";

    public static Options Parse(string[] args)
    {
        var values = new NamedArguments(args, ["epochs", "training-size", "seed", "min-val-accuracy"], Usage);
        return new Options(values.Int("epochs", 30), values.Int("training-size", 50000), values.Int("seed", 42),
            values.Number("min-val-accuracy", 0, 1));
    }
}
