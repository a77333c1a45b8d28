using System.Text.Json;
using NotebookRnn.Notebook.Charts;
using NotebookRnn.Notebook.Views;
using NotebookRnn.Devices;
using NotebookRnn.Layers;
using NotebookRnn.Losses;
using NotebookRnn.Models;
using NotebookRnn.Training;

namespace NotebookRnn.Notebook.Tests.Views;

public class HistoryViewTests
{
    private static LineTrace Line(Figure figure, string name) => figure.Traces.Cast<LineTrace>().Single(t => t.Name == name);

    [Fact]
    public void Epoch_curves_are_the_history_series()
    {
        History history = Fixtures.TwoDeviceHistory();
        var figures = HistoryView.Figures(history).ToList();
        Figure loss = Fixtures.Figure(figures, "Loss per epoch"), metrics = Fixtures.Figure(figures, "Metrics per epoch");
        Assert.Equal(history["loss"], Line(loss, "loss").Y);
        Assert.Equal(history["val_loss"], Line(loss, "val_loss").Y);
        Assert.True(Line(loss, "val_loss").Dashed);
        Assert.Equal(Line(loss, "loss").Color, Line(loss, "val_loss").Color);
        Assert.Equal([1.0, 2.0], Line(loss, "loss").X);
        Assert.Equal(history["accuracy"], Line(metrics, "accuracy").Y);
    }

    [Fact]
    public void The_batch_curve_is_the_loss_of_every_batch_record_with_epoch_boundaries()
    {
        History history = Fixtures.TwoDeviceHistory();
        Figure figure = Fixtures.Figure(HistoryView.Figures(history), "Loss per batch");
        Assert.Equal(history.Batches.Select(b => b.Loss), Line(figure, "loss").Y);
        Assert.Equal([3.5], figure.Lines.Select(l => l.X));
    }

    [Fact]
    public void Each_device_has_its_own_loss_speed_compute_and_wait_curves_from_its_records()
    {
        History history = Fixtures.TwoDeviceHistory();
        var figures = HistoryView.DeviceFigures(history).ToList();
        foreach (string device in new[] { "cpu:0", "cpu:1" })
        {
            DeviceBatchRecord[] shares = [.. history.Batches.Select(b => b.Devices.Single(d => d.Device == device))];
            Assert.Equal(shares.Select(s => s.Loss), Line(figures[0], device).Y);
            Assert.Equal(shares.Select(s => s.SamplesPerSecond), Line(figures[1], device).Y);
            Assert.Equal(shares.Select(s => s.Compute.TotalMilliseconds), Line(figures[2], $"{device} compute").Y);
            Assert.Equal(shares.Select(s => s.Wait.TotalMilliseconds), Line(figures[2], $"{device} wait").Y);
        }
        Assert.Equal(2, figures[0].Traces.Count);
        Assert.Equal(4, figures[2].Traces.Count);
        Assert.Equal(500.0, Line(figures[1], "cpu:0").Y[0]);
    }

    [Fact]
    public void A_device_missing_from_a_batch_leaves_a_gap()
    {
        var history = new History(4, 1, DateTimeOffset.UnixEpoch, ["cpu:0"]);
        history.AddBatch(new BatchRecord(0, 0, 4, new Dictionary<string, double> { ["loss"] = 1 }, TimeSpan.FromMilliseconds(1),
            [new DeviceBatchRecord("cpu:0", 4, 4, 0, 1, TimeSpan.FromMilliseconds(1), TimeSpan.Zero)]));
        history.AddBatch(new BatchRecord(0, 1, 4, new Dictionary<string, double> { ["loss"] = 1 }, TimeSpan.FromMilliseconds(1),
            [new DeviceBatchRecord("cpu:1", 4, 4, 0, 0.5, TimeSpan.FromMilliseconds(1), TimeSpan.Zero)]));
        Figure loss = HistoryView.DeviceFigures(history).First();
        Assert.Equal(["cpu:0", "cpu:1"], loss.Traces.Select(t => t.Name));
        Assert.True(double.IsNaN(Line(loss, "cpu:0").Y[1]));
        Assert.True(double.IsNaN(Line(loss, "cpu:1").Y[0]));
    }

    [Fact]
    public void A_real_fit_on_one_device_draws_one_cpu0_trace_per_device_chart()
    {
        var model = new Sequential(seed: 2);
        model.Add(new Dense(1, inputShape: [2]));
        model.Compile(optimizer: "sgd", loss: "mse");
        History history = model.Fit(new float[,] { { 1, 2 }, { 3, 4 }, { 5, 6 } }, new float[] { 1, 2, 3 }, batchSize: 2, epochs: 2, verbose: 0);
        foreach (Figure figure in HistoryView.DeviceFigures(history).Take(2))
            Assert.Equal(["cpu:0"], figure.Traces.Select(t => t.Name));
        Assert.Equal(history.Batches.Select(b => b.Devices[0].Loss), Line(HistoryView.DeviceFigures(history).First(), "cpu:0").Y);
    }

    [Fact]
    public void Overlaid_runs_get_one_colour_each_and_their_labels()
    {
        History a = Fixtures.TwoDeviceHistory("packed"), b = Fixtures.TwoDeviceHistory("dense", lossOffset: 0.2);
        MimeBundle bundle = Renderers.Render(new List<History> { a, b }, Fixtures.Options())!;
        Assert.Contains("Comparison of 2 runs", bundle.PlainText);
        string html = bundle.Html!;
        JsonElement first = JsonDocument.Parse(html.Split("var figure = ")[1].Split(";\n")[0]).RootElement;
        var names = first.GetProperty("data").EnumerateArray().Select(t => t.GetProperty("name").GetString()).ToList();
        Assert.Equal(["packed", "packed val_loss", "dense", "dense val_loss"], names);
        Assert.Equal(b["loss"], first.GetProperty("data")[2].GetProperty("y").EnumerateArray().Select(v => v.GetDouble()));
        Assert.NotEqual(first.GetProperty("data")[0].GetProperty("line").GetProperty("color").GetString(),
            first.GetProperty("data")[2].GetProperty("line").GetProperty("color").GetString());
    }

    [Fact]
    public void The_html_draws_six_plotly_charts_for_a_run_with_metrics()
    {
        string html = Renderers.Render(Fixtures.TwoDeviceHistory(), Fixtures.Options())!.Html!;
        Assert.Equal(6, Fixtures.Count(html, "class=\"nbrnn-plotly\""));
        Assert.Equal(6, Fixtures.Count(html, "Plotly.newPlot("));
    }

    [Fact]
    public void A_history_read_back_from_json_renders_exactly_as_the_one_written()
    {
        History original = Fixtures.TwoDeviceHistory("saved"), loaded = History.FromJson(original.ToJson());
        MimeBundle expected = Renderers.Render(original, Fixtures.Options())!, actual = Renderers.Render(loaded, Fixtures.Options())!;
        Assert.Equal(expected.MimeTypes, actual.MimeTypes);
        foreach (string mimeType in expected.MimeTypes) Assert.Equal(expected[mimeType], actual[mimeType]);
    }

    [Fact]
    public void History_view_html() => Approvals.Verify(Renderers.Render(Fixtures.TwoDeviceHistory(), Fixtures.Options())!.Html!, "html");

    [Fact]
    public void History_view_svg() => Approvals.Verify(Renderers.Render(Fixtures.TwoDeviceHistory(), Fixtures.Options())!.Svg!, "svg");

    [Fact]
    public void History_view_plotly_json() =>
        Approvals.Verify("[\n" + string.Join(",\n", HistoryView.Figures(Fixtures.TwoDeviceHistory()).Select(f => PlotlyJson.Write(f, indented: true))) + "\n]\n", "json");

    [Fact]
    public void History_comparison_svg() =>
        Approvals.Verify(Renderers.Render(new[] { Fixtures.TwoDeviceHistory("packed"), Fixtures.TwoDeviceHistory("dense", 0.2) }, Fixtures.Options())!.Svg!, "svg");
}
