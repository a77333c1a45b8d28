namespace NotebookRnn.Notebook.Magics;

/// <summary>The argument of <c>#!rnn-live</c>.</summary>
public enum LiveMode
{
    /// <summary>Training in later cells shows the live view.</summary>
    On,

    /// <summary>Training shows nothing until it returns.</summary>
    Off,
}
