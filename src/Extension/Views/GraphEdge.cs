namespace NotebookRnn.Notebook.Views;

/// <summary>One edge of a model graph: output <paramref name="Output"/> of call <paramref name="From"/> is input <paramref name="Input"/> of call <paramref name="To"/>.</summary>
/// <param name="From">Index of the call making the tensor, in <see cref="ModelGraph.Calls"/>.</param>
/// <param name="Output">Which of its outputs: 0 the layer's output, 1… a recurrent call's final states.</param>
/// <param name="To">Index of the call taking the tensor.</param>
/// <param name="Input">Which of its inputs: 0 the sequence (or first) input, then the rest, initial states last.</param>
/// <param name="Kind">What the edge carries.</param>
/// <param name="StateName">For a state edge, the state's name at the receiving layer (<c>h</c>, <c>c</c>); else null.</param>
internal sealed record GraphEdge(int From, int Output, int To, int Input, EdgeKind Kind, string? StateName);
