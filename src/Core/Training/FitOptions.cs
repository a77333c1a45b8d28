namespace NotebookRnn.Training;

/// <summary>The arguments of one <c>Fit</c> call besides the data, checked when created.</summary>
internal sealed class FitOptions
{
    /// <summary>Checks and keeps the arguments.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range; the message names it and its value.</exception>
    public FitOptions(int batchSize, int epochs, int verbose, IReadOnlyList<ITrainingCallback> callbacks, double validationSplit, bool shuffle,
        CancellationToken cancellationToken)
    {
        CheckBatchSize(batchSize);
        if (epochs < 0) throw new ArgumentOutOfRangeException(nameof(epochs), epochs, $"epochs must be ≥ 0, got {epochs}.");
        if (verbose is < 0 or > 2) throw new ArgumentOutOfRangeException(nameof(verbose), verbose, $"verbose must be 0, 1 or 2, got {verbose}.");
        if (!(validationSplit >= 0 && validationSplit < 1))
            throw new ArgumentOutOfRangeException(nameof(validationSplit), validationSplit, $"validationSplit must be in [0, 1), got {validationSplit}.");
        (BatchSize, Epochs, Verbose, Callbacks, ValidationSplit, Shuffle, CancellationToken) =
            (batchSize, epochs, verbose, callbacks, validationSplit, shuffle, cancellationToken);
    }

    /// <summary>Samples per gradient update.</summary>
    public int BatchSize { get; }

    /// <summary>Passes over the data.</summary>
    public int Epochs { get; }

    /// <summary>0 silent, 1 progress bar, 2 one line per epoch.</summary>
    public int Verbose { get; }

    /// <summary>Hooks called during training.</summary>
    public IReadOnlyList<ITrainingCallback> Callbacks { get; }

    /// <summary>Fraction of the last samples held out for validation when no validation data is given.</summary>
    public double ValidationSplit { get; }

    /// <summary>Whether to shuffle each epoch.</summary>
    public bool Shuffle { get; }

    /// <summary>Stops training at the next batch boundary.</summary>
    public CancellationToken CancellationToken { get; }

    /// <summary>Checks a batch size argument.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="batchSize"/> ≤ 0.</exception>
    public static void CheckBatchSize(int batchSize)
    {
        if (batchSize <= 0) throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, $"batchSize must be > 0, got {batchSize}.");
    }
}
