namespace NotebookRnn.Notebook;

/// <summary>
/// One output in several forms: an ordered map from MIME type (<c>text/html</c>, <c>image/svg+xml</c>,
/// <c>text/plain</c>) to its content. A notebook front end shows the richest form it understands; the order is the
/// order of preference, richest first.
/// </summary>
public sealed class MimeBundle
{
    private readonly List<KeyValuePair<string, string>> _entries = [];

    /// <summary>The MIME types held, in order of preference.</summary>
    public IReadOnlyList<string> MimeTypes => [.. _entries.Select(e => e.Key)];

    /// <summary>Number of forms held.</summary>
    public int Count => _entries.Count;

    /// <summary>The content of <paramref name="mimeType"/>.</summary>
    /// <exception cref="KeyNotFoundException">The bundle has no such form; the message lists those it has.</exception>
    public string this[string mimeType] => TryGet(mimeType, out string? content)
        ? content
        : throw new KeyNotFoundException($"The bundle has no \"{mimeType}\" form; it has {string.Join(", ", MimeTypes)}.");

    /// <summary>The <c>text/html</c> form, if any.</summary>
    public string? Html => Find(Notebook.MimeTypes.Html);

    /// <summary>The <c>image/svg+xml</c> form, if any.</summary>
    public string? Svg => Find(Notebook.MimeTypes.Svg);

    /// <summary>The <c>text/plain</c> form, if any.</summary>
    public string? PlainText => Find(Notebook.MimeTypes.PlainText);

    /// <summary>Appends a form.</summary>
    /// <exception cref="ArgumentException">The bundle already holds <paramref name="mimeType"/>.</exception>
    public MimeBundle Add(string mimeType, string content)
    {
        ArgumentException.ThrowIfNullOrEmpty(mimeType);
        ArgumentNullException.ThrowIfNull(content);
        if (Find(mimeType) is not null)
            throw new ArgumentException($"The bundle already holds a \"{mimeType}\" form.", nameof(mimeType));
        _entries.Add(new(mimeType, content));
        return this;
    }

    /// <summary>Looks up the content of <paramref name="mimeType"/>.</summary>
    public bool TryGet(string mimeType, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? content)
    {
        content = Find(mimeType);
        return content is not null;
    }

    /// <summary>The plain-text form, or the first form when there is none.</summary>
    public override string ToString() => PlainText ?? (_entries.Count > 0 ? _entries[0].Value : "");

    private string? Find(string mimeType) => _entries.FirstOrDefault(e => e.Key == mimeType).Value;
}
