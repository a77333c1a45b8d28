using NotebookRnn.Models;

namespace NotebookRnn.Notebook.Live;

/// <summary>The kernel glue's hook for <c>#!rnn-live</c>: follows the training of every model a cell can reach.</summary>
public static class LiveTraining
{
    /// <summary>
    /// When <see cref="NotebookSettings.LiveTraining"/> is on, attaches a <see cref="LiveTrainingView"/> to each
    /// distinct <see cref="Model"/> (functional or Sequential) among <paramref name="values"/> (the notebook's variables before a cell
    /// runs), so that a <c>Fit</c> in the cell shows a live output. Dispose the result when the cell ends.
    /// </summary>
    /// <param name="values">Candidate values; anything that is not a model is ignored.</param>
    /// <param name="display">Shows a bundle as a new output and returns its handle.</param>
    /// <param name="settings">The session's settings; default <see cref="NotebookSettings.Default"/>.</param>
    /// <param name="clock">The throttle's clock; default the system clock.</param>
    /// <returns>Detaches every view; does nothing when live training is off.</returns>
    public static IDisposable Observe(IEnumerable<object?>? values, Func<MimeBundle, IDisplayHandle> display,
        NotebookSettings? settings = null, TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(display);
        settings ??= NotebookSettings.Default;
        if (!settings.LiveTraining || values is null) return new Views([]);
        var models = values.OfType<Model>().Distinct().ToList();
        return new Views([.. models.Select(m => new LiveTrainingView(m.TrainingEvents, display, clock, settings.Render))]);
    }

    private sealed class Views(IReadOnlyList<LiveTrainingView> views) : IDisposable
    {
        public void Dispose()
        {
            foreach (LiveTrainingView view in views) view.Dispose();
        }
    }
}
