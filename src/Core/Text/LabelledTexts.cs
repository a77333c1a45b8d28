namespace NotebookRnn.Text;

/// <summary>Texts with their class labels, as read by <see cref="LabelledTextFile"/>.</summary>
public sealed class LabelledTexts
{
    internal LabelledTexts(string[] labels, string[] texts, string? labelHeader, string? textHeader)
    {
        Labels = labels;
        Texts = texts;
        LabelHeader = labelHeader;
        TextHeader = textHeader;
        ClassNames = labels.Distinct().Order(StringComparer.Ordinal).ToArray();
        var classIndex = ClassNames.Select((name, index) => (name, index)).ToDictionary(c => c.name, c => c.index);
        LabelIds = labels.Select(l => classIndex[l]).ToArray();
    }

    /// <summary>Number of records.</summary>
    public int Count => Texts.Length;

    /// <summary>The label of each record, as written.</summary>
    public string[] Labels { get; }

    /// <summary>The text of each record (quotes removed, doubled quotes undone, embedded newlines kept).</summary>
    public string[] Texts { get; }

    /// <summary>The distinct labels, sorted ordinally; a label's class id is its position here.</summary>
    public string[] ClassNames { get; }

    /// <summary>Class id of each record: the index of its label in <see cref="ClassNames"/>.</summary>
    public int[] LabelIds { get; }

    /// <summary>Header of the label column, or <c>null</c> when the file has no header.</summary>
    public string? LabelHeader { get; }

    /// <summary>Header of the text column, or <c>null</c> when the file has no header.</summary>
    public string? TextHeader { get; }
}
