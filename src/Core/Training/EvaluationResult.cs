using System.Globalization;
using NotebookRnn.Losses;

namespace NotebookRnn.Training;

/// <summary>Loss and metrics of an evaluation or a single batch, by name; prints as <c>loss: 0.1234 - accuracy: 0.9800</c>.</summary>
public sealed class EvaluationResult : Dictionary<string, double>
{
    internal EvaluationResult()
    {
    }

    /// <summary>The loss.</summary>
    public double Loss => this["loss"];

    /// <inheritdoc/>
    public override string ToString() =>
        string.Join(" - ", this.Select(pair => string.Create(CultureInfo.InvariantCulture, $"{pair.Key}: {pair.Value:0.0000}")));
}
