namespace NotebookRnn.Datasets;

/// <summary>A sentence and its translation, e.g. <c>("the third of March, 1997", "1997-03-03")</c>.</summary>
/// <param name="Source">The text the encoder reads.</param>
/// <param name="Target">The text the decoder writes.</param>
public sealed record TranslationPair(string Source, string Target);
