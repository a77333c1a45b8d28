namespace NotebookRnn.Sequences;

/// <summary>Which end of a sequence longer than <c>maxLen</c> is cut (Keras <c>truncating='pre'|'post'</c>).</summary>
public enum Truncating
{
    /// <summary>Drop steps from the start, keeping the last <c>maxLen</c> steps (Keras default).</summary>
    Pre,

    /// <summary>Drop steps from the end, keeping the first <c>maxLen</c> steps.</summary>
    Post,
}
