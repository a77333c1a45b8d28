namespace NotebookRnn.Cli;

/// <summary>The arguments of <c>nbrnn run</c>, as <see cref="Nbrnn"/> parsed them.</summary>
/// <param name="Target">A notebook file, or a folder whose <c>*.ipynb</c> files run in name order.</param>
/// <param name="OutputFolder">Where the executed <c>.ipynb</c> and <c>.html</c> files go; default <c>out</c>.</param>
/// <param name="Parameters">Values for the notebooks' parameters cells, by name.</param>
/// <param name="PlotlyFile">plotly.js to embed in the pages; default the npm copy of the setup script, when present.</param>
internal sealed record RunOptions(string Target, string OutputFolder, IReadOnlyDictionary<string, string> Parameters, string? PlotlyFile);
