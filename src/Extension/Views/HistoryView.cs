using NotebookRnn.Notebook.Charts;
using NotebookRnn.Data;
using NotebookRnn.Devices;
using NotebookRnn.Losses;
using NotebookRnn.Training;

namespace NotebookRnn.Notebook.Views;

/// <summary>
/// A training run's <see cref="History"/> drawn: loss and metrics per epoch, loss per batch, and per device the loss,
/// samples/s and compute vs wait time of each batch (one trace per device name found in
/// <see cref="BatchRecord.Devices"/>). Several runs are overlaid for comparison.
/// </summary>
internal static class HistoryView
{
    /// <summary>One run: epoch table, curves and per-device curves.</summary>
    public static MimeBundle Render(History history, RenderOptions options)
    {
        List<Figure> figures = [.. Figures(history)];
        var html = new ViewHtml("history", Headline(history));
        EpochTable(html, history);
        foreach (Figure figure in figures) html.Raw(ChartHtml.Render(figure, options));
        return new MimeBundle()
            .Add(MimeTypes.Html, html.Finish())
            .Add(MimeTypes.Svg, SvgChart.Stack(figures))
            .Add(MimeTypes.PlainText, history.ToString());
    }

    /// <summary>Several runs overlaid: one colour per run, validation dashed, and a comparison table.</summary>
    public static MimeBundle Render(IReadOnlyList<History> runs, RenderOptions options)
    {
        List<Figure> figures = [.. OverlayFigures(runs)];
        string[] header = ["Run", "Epochs", "Final loss", "Final val_loss", "Samples/s", "Wall time (s)", "Devices"];
        bool[] numeric = [false, true, true, true, true, true, false];
        var rows = runs.Select((h, i) => (IReadOnlyList<string>)
        [
            RunLabel(h, i), $"{h.Epochs.Count}/{h.EpochsRequested}", Last(h, "loss"), Last(h, "val_loss"),
            Format.Count((long)Math.Round(h.SamplesPerSecond)), Format.Fixed(h.WallTime.TotalSeconds, 2), string.Join(", ", h.Devices),
        ]).ToList();
        var html = new ViewHtml("history-comparison", $"Comparison of {Format.Plural(runs.Count, "run")}").Table(header, rows, numeric);
        foreach (Figure figure in figures) html.Raw(ChartHtml.Render(figure, options));
        return new MimeBundle()
            .Add(MimeTypes.Html, html.Finish())
            .Add(MimeTypes.Svg, SvgChart.Stack(figures))
            .Add(MimeTypes.PlainText, $"Comparison of {Format.Plural(runs.Count, "run")}\n" + TextTable.Render(header, rows, numeric));
    }

    /// <summary>The figures of one run, in display order; per-epoch metrics only when the run records any besides loss.</summary>
    internal static IEnumerable<Figure> Figures(History history)
    {
        yield return EpochFigure(history, "Loss per epoch", "loss", name => name.Contains("loss", StringComparison.Ordinal));
        if (history.Series.Keys.Any(name => !name.Contains("loss", StringComparison.Ordinal)))
            yield return EpochFigure(history, "Metrics per epoch", "value", name => !name.Contains("loss", StringComparison.Ordinal));
        yield return BatchLoss(history);
        foreach (Figure figure in DeviceFigures(history)) yield return figure;
    }

    /// <summary>Per device and batch: loss, samples/s, compute and wait milliseconds.</summary>
    internal static IEnumerable<Figure> DeviceFigures(History history)
    {
        IReadOnlyList<string> devices = DeviceNames(history);
        double[] x = BatchNumbers(history);
        var loss = new Figure("Loss per device") { X = new Axis("batch", Integer: true), Y = new Axis("loss") };
        var speed = new Figure("Samples/s per device") { X = new Axis("batch", Integer: true), Y = new Axis("samples/s") };
        var time = new Figure("Compute vs wait per device") { X = new Axis("batch", Integer: true), Y = new Axis("ms") };
        for (int d = 0; d < devices.Count; d++)
        {
            string device = devices[d], color = Palette.SeriesColor(d);
            DeviceBatchRecord?[] shares = [.. history.Batches.Select(b => b.Devices.FirstOrDefault(r => r.Device == device))];
            loss.Traces.Add(new LineTrace(device, color, x, [.. shares.Select(s => s?.Loss ?? double.NaN)]));
            speed.Traces.Add(new LineTrace(device, color, x, [.. shares.Select(s => s?.SamplesPerSecond ?? double.NaN)]));
            time.Traces.Add(new LineTrace($"{device} compute", color, x, [.. shares.Select(s => s?.Compute.TotalMilliseconds ?? double.NaN)]));
            time.Traces.Add(new LineTrace($"{device} wait", color, x, [.. shares.Select(s => s?.Wait.TotalMilliseconds ?? double.NaN)], Dashed: true));
        }
        return [loss, speed, time];
    }

    /// <summary>Device names in order: the run's own list, then any other name a batch record mentions.</summary>
    internal static IReadOnlyList<string> DeviceNames(History history) =>
        [.. history.Devices.Concat(history.Batches.SelectMany(b => b.Devices.Select(d => d.Device))).Distinct()];

    /// <summary>The run's one-line headline: epochs, batch size, time and throughput.</summary>
    internal static string Headline(History history) =>
        $"History: {history.Epochs.Count}/{history.EpochsRequested} epochs, batch size {history.BatchSize}, " +
        $"{Format.Fixed(history.WallTime.TotalSeconds, 1)} s, {Format.Count((long)Math.Round(history.SamplesPerSecond))} samples/s" +
        (history.Interrupted ? " (interrupted)" : "");

    private static Figure EpochFigure(History history, string title, string yTitle, Func<string, bool> include)
    {
        var figure = new Figure(title) { X = new Axis("epoch", Integer: true), Y = new Axis(yTitle) };
        var names = history.Series.Keys.Where(include).ToList();
        var trainNames = names.Where(n => !n.StartsWith("val_", StringComparison.Ordinal)).ToList();
        foreach (string name in names)
        {
            string baseName = name.StartsWith("val_", StringComparison.Ordinal) ? name[4..] : name;
            int colorIndex = Math.Max(0, trainNames.IndexOf(baseName));
            IReadOnlyList<double> values = history[name];
            figure.Traces.Add(new LineTrace(name, Palette.SeriesColor(colorIndex), [.. values.Select((_, i) => (double)(i + 1))], values,
                Dashed: name.StartsWith("val_", StringComparison.Ordinal), Markers: true));
        }
        return figure;
    }

    private static Figure BatchLoss(History history)
    {
        var figure = new Figure("Loss per batch") { X = new Axis("batch", Integer: true), Y = new Axis("loss") };
        figure.Traces.Add(new LineTrace("loss", Palette.SeriesColor(0), BatchNumbers(history), [.. history.Batches.Select(b => b.Loss)]));
        var epochStarts = history.Batches.Select((b, i) => (b, i)).Where(p => p.b.Batch == 0 && p.b.Epoch > 0).ToList();
        if (epochStarts.Count <= 12)
            foreach (var (record, index) in epochStarts)
                figure.Lines.Add(new MarkerLine(index + 0.5, $"epoch {record.Epoch + 1}", "#999999"));
        return figure;
    }

    private static IEnumerable<Figure> OverlayFigures(IReadOnlyList<History> runs)
    {
        var loss = new Figure("Loss per epoch") { X = new Axis("epoch", Integer: true), Y = new Axis("loss") };
        var batches = new Figure("Loss per batch") { X = new Axis("batch", Integer: true), Y = new Axis("loss") };
        var speed = new Figure("Samples/s per epoch") { X = new Axis("epoch", Integer: true), Y = new Axis("samples/s") };
        for (int r = 0; r < runs.Count; r++)
        {
            History run = runs[r];
            string label = RunLabel(run, r), color = Palette.SeriesColor(r);
            double[] epochs = [.. run.Epochs.Select(e => (double)(e.Epoch + 1))];
            foreach (string name in new[] { "loss", "val_loss" }.Where(run.Series.ContainsKey))
                loss.Traces.Add(new LineTrace(name == "loss" ? label : $"{label} val_loss", color, epochs, run[name],
                    Dashed: name != "loss", Markers: true));
            batches.Traces.Add(new LineTrace(label, color, BatchNumbers(run), [.. run.Batches.Select(b => b.Loss)]));
            speed.Traces.Add(new LineTrace(label, color, epochs, [.. run.Epochs.Select(e => e.SamplesPerSecond)], Markers: true));
        }
        return [loss, batches, speed];
    }

    private static void EpochTable(ViewHtml html, History history)
    {
        var names = history.Series.Keys.ToList();
        string[] header = ["Epoch", .. names, "Time (s)", "Samples/s"];
        bool[] numeric = [.. header.Select(_ => true)];
        var rows = history.Epochs.Select(e => (IReadOnlyList<string>)
        [
            (e.Epoch + 1).ToString(System.Globalization.CultureInfo.InvariantCulture),
            .. names.Select(n => e.Metrics.TryGetValue(n, out double v) ? Format.Fixed(v, 4) : ""),
            Format.Fixed(e.Duration.TotalSeconds, 2), Format.Count((long)Math.Round(e.SamplesPerSecond)),
        ]);
        html.Table(header, rows, numeric);
    }

    private static double[] BatchNumbers(History history) => [.. Enumerable.Range(1, history.Batches.Count).Select(i => (double)i)];

    private static string RunLabel(History history, int index) => history.Label ?? $"run {index + 1}";

    private static string Last(History history, string series) =>
        history.Series.TryGetValue(series, out IReadOnlyList<double>? values) && values.Count > 0 ? Format.Fixed(values[^1], 4) : "—";
}
