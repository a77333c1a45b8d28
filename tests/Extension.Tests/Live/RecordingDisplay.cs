using NotebookRnn.Notebook.Live;

namespace NotebookRnn.Notebook.Tests.Live;

/// <summary>Records what a live view shows: each new output and every update of it.</summary>
internal sealed class RecordingDisplay
{
    public List<List<MimeBundle>> Outputs { get; } = [];

    public IDisplayHandle Show(MimeBundle bundle)
    {
        var frames = new List<MimeBundle> { bundle };
        Outputs.Add(frames);
        return new DisplayHandle(frames.Add);
    }
}
