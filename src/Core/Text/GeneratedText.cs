namespace NotebookRnn.Text;

/// <summary>
/// Text a model wrote after a seed, at one sampling temperature (<c>TextSampling.Generate</c>, in Models): what Keras's
/// text-generation example prints after each epoch.
/// </summary>
/// <param name="Seed">The characters the model was given.</param>
/// <param name="Text">The characters it generated after them (without the seed).</param>
/// <param name="Temperature">The sampling temperature: below 1 sharpens the predicted distribution, above 1 flattens it.</param>
public sealed record GeneratedText(string Seed, string Text, double Temperature)
{
    /// <summary>Keras's example's printout: <c>----- diversity: 0.5</c>, then the seed followed by the generated text.</summary>
    public override string ToString() =>
        $"----- diversity: {Temperature.ToString(System.Globalization.CultureInfo.InvariantCulture)}\n{Seed}{Text}";
}
