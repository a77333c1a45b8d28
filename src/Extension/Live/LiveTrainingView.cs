using NotebookRnn.Notebook.Charts;
using NotebookRnn.Notebook.Views;
using NotebookRnn.Data;
using NotebookRnn.Losses;
using NotebookRnn.Training;

namespace NotebookRnn.Notebook.Live;

/// <summary>
/// One notebook output that follows a <c>Fit</c> run: shown when the run starts, replaced in place with the progress
/// and the loss and per-device curves at most once per <see cref="MinimumInterval"/> (twice a second), and replaced a
/// last time, whatever the interval, by the view of the final <see cref="History"/> when the run ends.
/// </summary>
/// <remarks>
/// In-progress frames draw their curves as static SVG, so an update never waits for plotly.js; the final frame is the
/// interactive History view. Training events arrive on the training thread, so the updates happen there too.
/// </remarks>
public sealed class LiveTrainingView : IDisposable
{
    private readonly Func<MimeBundle, IDisplayHandle> _display;
    private readonly TimeProvider _clock;
    private readonly RenderOptions _options;
    private readonly IDisposable _subscription;
    private IDisplayHandle? _handle;
    private long _lastShown;

    /// <summary>Subscribes to <paramref name="events"/> (a model's <c>TrainingEvents</c>).</summary>
    /// <param name="events">The training events to follow.</param>
    /// <param name="display">Shows a bundle as a new output and returns its handle; called once per run.</param>
    /// <param name="clock">The clock the throttle reads; default the system clock.</param>
    /// <param name="options">How the final History view renders; default <see cref="NotebookSettings.Render"/> of the default settings.</param>
    public LiveTrainingView(IObservable<TrainingEvent> events, Func<MimeBundle, IDisplayHandle> display, TimeProvider? clock = null,
        RenderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(display);
        _display = display;
        _clock = clock ?? TimeProvider.System;
        _options = options ?? NotebookSettings.Default.Render;
        _subscription = events.Subscribe(new Observer(this));
    }

    /// <summary>The shortest time between two in-progress updates: 500 ms, i.e. at most two updates a second.</summary>
    public static TimeSpan MinimumInterval { get; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Bundles shown so far: the first display and every update.</summary>
    public int Frames { get; private set; }

    /// <summary>Stops following the events; the output stays as it is.</summary>
    public void Dispose() => _subscription.Dispose();

    private void OnEvent(TrainingEvent trainingEvent)
    {
        switch (trainingEvent)
        {
            case RunStarted:
                _handle = null;
                Show(Progress(trainingEvent.History, null));
                break;
            case RunCompleted:
                Show(HistoryView.Render(trainingEvent.History, _options));
                break;
            case BatchCompleted batch when Due():
                Show(Progress(trainingEvent.History, batch));
                break;
            case EpochCompleted when Due():
                Show(Progress(trainingEvent.History, null));
                break;
        }
    }

    private bool Due() => _handle is null || _clock.GetElapsedTime(_lastShown) >= MinimumInterval;

    private void Show(MimeBundle bundle)
    {
        if (_handle is null) _handle = _display(bundle);
        else _handle.Update(bundle);
        _lastShown = _clock.GetTimestamp();
        Frames++;
    }

    /// <summary>
    /// An in-progress frame: headline, progress bar, loss and per-device curves as SVG (the headline as SVG before the
    /// first batch). It has the forms of the final History view, so every frame of the output has the same MIME types.
    /// </summary>
    internal static MimeBundle Progress(History history, BatchCompleted? latest)
    {
        string headline = Headline(history, latest);
        double done = Fraction(history, latest);
        List<Figure> figures = history.Batches.Count == 0 ? [] : [.. HistoryView.DeviceFigures(history).Take(2)];
        string svg = figures.Count > 0 ? SvgChart.Stack(figures) : SvgNote.Render(headline);
        var html = new ViewHtml("live", "Training")
            .Paragraph(headline)
            .Raw($"<div class=\"nbrnn-progress\" style=\"width:320px;border:1px solid #999;height:10px\">" +
                 $"<div class=\"nbrnn-bar\" style=\"width:{Format.Coordinate(320 * done)}px\"></div></div>");
        if (figures.Count > 0) html.Raw("<div class=\"nbrnn-diagram\">" + svg + "</div>");
        return new MimeBundle().Add(MimeTypes.Html, html.Finish()).Add(MimeTypes.Svg, svg).Add(MimeTypes.PlainText, headline + "\n");
    }

    private static string Headline(History history, BatchCompleted? latest)
    {
        if (latest is null && history.Epochs.Count == 0)
            return $"Training started: {Format.Plural(history.EpochsRequested, "epoch")}, batch size {history.BatchSize}, on {string.Join(", ", history.Devices)}";
        string epoch = $"epoch {history.Epochs.Count + (latest is null ? 0 : 1)}/{history.EpochsRequested}";
        string batch = latest is null ? "" : $", batch {latest.Record.Batch + 1}/{latest.BatchesInEpoch}";
        double loss = latest?.Record.Loss ?? history.Epochs[^1].Metrics.GetValueOrDefault("loss", double.NaN);
        return $"Training: {epoch}{batch}, loss {Format.Fixed(loss, 4)}, {Format.Count((long)Math.Round(history.SamplesPerSecond))} samples/s";
    }

    private static double Fraction(History history, BatchCompleted? latest)
    {
        if (history.EpochsRequested == 0) return 1;
        double epochs = latest is null
            ? history.Epochs.Count
            : latest.Record.Epoch + (latest.Record.Batch + 1.0) / Math.Max(1, latest.BatchesInEpoch);
        return Math.Clamp(epochs / history.EpochsRequested, 0, 1);
    }

    private sealed class Observer(LiveTrainingView view) : IObserver<TrainingEvent>
    {
        public void OnNext(TrainingEvent value) => view.OnEvent(value);
        public void OnError(Exception error) { }
        public void OnCompleted() { }
    }
}
