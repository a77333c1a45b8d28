using NotebookRnn.Files;
using NotebookRnn.Persistence;

namespace NotebookRnn.Models.Callbacks;

/// <summary>
/// Saves the model at the end of every epoch during <c>Fit</c> (Keras <c>ModelCheckpoint</c>), each time atomically
/// (<see cref="AtomicFile"/>): a crash while saving leaves the previous checkpoint intact. A model trained by several
/// processes (<see cref="Model.World"/>) has the same weights on each; rank 0 alone saves.
/// </summary>
/// <remarks>
/// <para>
/// <see cref="FilePath"/> may hold Keras placeholders, filled from the epoch's logs and the 1-based epoch:
/// <c>"ckpt/model-{epoch:02d}-{val_loss:.2f}.nbrnn"</c> → <c>ckpt/model-07-0.31.nbrnn</c>. Its folder is created when
/// missing.
/// </para>
/// <para>
/// Without <see cref="SaveBestOnly"/>, every epoch is saved to the formatted path. With it, the model is saved to the
/// formatted path only when the monitored value improved on <see cref="Best"/>, and every epoch is also saved as the
/// last checkpoint, named like the formatted path with <c>.last</c> before the extension
/// (<c>model.nbrnn</c> → <c>model.last.nbrnn</c>); when that name changes from epoch to epoch, the previous last
/// checkpoint is deleted, so one best and one last are kept. A NaN value never improves.
/// </para>
/// </remarks>
public sealed class ModelCheckpoint : Callback
{
    private readonly FilePathTemplate _template;
    private readonly Monitor _monitor;

    /// <summary>Creates the callback.</summary>
    /// <param name="filepath">Where to save; may hold placeholders such as <c>{epoch:02d}</c> or <c>{val_loss:.4f}</c>.</param>
    /// <param name="monitor">The log value that decides what is best; default <c>val_loss</c>.</param>
    /// <param name="saveBestOnly">Save to <paramref name="filepath"/> only on improvement (and keep a last checkpoint); default false.</param>
    /// <param name="mode">Whether lower or higher is better; default from the name (accuracy-like names go up).</param>
    /// <param name="saveWeightsOnly">Save with <see cref="Models.Model.SaveWeights"/> instead of <see cref="Models.Model.Save"/>; default false.</param>
    /// <exception cref="ArgumentException"><paramref name="filepath"/> is empty or has a malformed placeholder, or <paramref name="monitor"/> is empty.</exception>
    public ModelCheckpoint(string filepath, string monitor = "val_loss", bool saveBestOnly = false, MonitorMode mode = MonitorMode.Auto,
        bool saveWeightsOnly = false)
    {
        ArgumentException.ThrowIfNullOrEmpty(filepath);
        ArgumentException.ThrowIfNullOrEmpty(monitor);
        _template = new FilePathTemplate(filepath, nameof(filepath));
        _monitor = new Monitor(monitor, mode);
        SaveBestOnly = saveBestOnly;
        SaveWeightsOnly = saveWeightsOnly;
    }

    /// <summary>The path template given to the constructor.</summary>
    public string FilePath => _template.Text;

    /// <summary>The log value compared between epochs.</summary>
    public string Monitor => _monitor.Name;

    /// <summary>Whether a higher monitored value is better (mode max, or auto with an accuracy-like name).</summary>
    public bool HigherIsBetter => _monitor.HigherIsBetter;

    /// <summary>Whether only improvements are saved to <see cref="FilePath"/>.</summary>
    public bool SaveBestOnly { get; }

    /// <summary>Whether weights alone are saved.</summary>
    public bool SaveWeightsOnly { get; }

    /// <summary>The best monitored value so far (with <see cref="SaveBestOnly"/>), NaN before the first.</summary>
    public double Best => _monitor.Best;

    /// <summary>The file of the best checkpoint (with <see cref="SaveBestOnly"/>), or <c>null</c> before one.</summary>
    public string? BestFilePath { get; private set; }

    /// <summary>The file of the last epoch's checkpoint, or <c>null</c> before the first.</summary>
    public string? LastFilePath { get; private set; }

    /// <summary>Saves the model as described in the remarks.</summary>
    /// <exception cref="InvalidOperationException">
    /// The callback is not attached to a model, the logs lack <see cref="Monitor"/> (with <see cref="SaveBestOnly"/>)
    /// or a placeholder's value; the message names it and the values there are.
    /// </exception>
    public override void OnEpochEnd(int epoch, IReadOnlyDictionary<string, double> logs)
    {
        Model model = Model ?? throw new InvalidOperationException("ModelCheckpoint is not attached to a model; pass it to Fit in callbacks.");
        if (!model.World.IsRoot) return;
        string path = FormattedPath(epoch, logs);
        if (!SaveBestOnly)
        {
            Write(model, path);
            LastFilePath = path;
            return;
        }
        if (_monitor.Improved(_monitor.Read(logs, nameof(ModelCheckpoint))))
        {
            Write(model, path);
            BestFilePath = path;
        }
        string last = LastPath(path);
        Write(model, last);
        if (LastFilePath is not null && LastFilePath != last && LastFilePath != BestFilePath) File.Delete(LastFilePath);
        LastFilePath = last;
    }

    private string FormattedPath(int epoch, IReadOnlyDictionary<string, double> logs)
    {
        var values = new Dictionary<string, double>(logs) { ["epoch"] = epoch + 1 };
        try
        {
            return _template.Format(values);
        }
        catch (Exception error) when (error is KeyNotFoundException or FormatException)
        {
            throw new InvalidOperationException($"ModelCheckpoint cannot name the file for epoch {epoch + 1}: {error.Message}", error);
        }
    }

    private void Write(Model model, string path)
    {
        string? folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null) Directory.CreateDirectory(folder);
        if (SaveWeightsOnly) model.SaveWeights(path);
        else model.Save(path);
    }

    // model.nbrnn → model.last.nbrnn; model → model.last
    private static string LastPath(string path) =>
        Path.Combine(Path.GetDirectoryName(path) ?? "", Path.GetFileNameWithoutExtension(path) + ".last" + Path.GetExtension(path));
}
