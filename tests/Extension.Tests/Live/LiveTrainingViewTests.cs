using NotebookRnn.Notebook.Live;
using NotebookRnn.Devices;
using NotebookRnn.Layers;
using NotebookRnn.Models;
using NotebookRnn.Training;

namespace NotebookRnn.Notebook.Tests.Live;

public class LiveTrainingViewTests
{
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(300);

    // Publishes a run of `epochs` × `batches` like Fit does, moving the clock by `perBatch` before each batch event.
    private static History Publish(TrainingEventStream events, FakeClock clock, int epochs, int batches, TimeSpan perBatch)
    {
        var history = new History(8, epochs, DateTimeOffset.UnixEpoch);
        events.Publish(new RunStarted { History = history });
        for (int epoch = 0; epoch < epochs; epoch++)
        {
            for (int batch = 0; batch < batches; batch++)
            {
                clock.Advance(perBatch);
                var record = new BatchRecord(epoch, batch, 8, new Dictionary<string, double> { ["loss"] = 1.0 / (1 + batch) }, perBatch,
                    [new DeviceBatchRecord("cpu:0", 8, 80, 0, 1.0 / (1 + batch), perBatch, TimeSpan.Zero)]);
                history.AddBatch(record);
                events.Publish(new BatchCompleted(record, batches) { History = history });
            }
            var epochRecord = new EpochRecord(epoch, new Dictionary<string, double> { ["loss"] = 0.5 }, perBatch * batches, 8 * batches, 100);
            history.AddEpoch(epochRecord);
            events.Publish(new EpochCompleted(epochRecord) { History = history });
        }
        events.Publish(new RunCompleted { History = history });
        return history;
    }

    [Fact]
    public void One_output_is_shown_at_the_start_and_updated_at_most_twice_a_second()
    {
        var events = new TrainingEventStream();
        var clock = new FakeClock();
        var display = new RecordingDisplay();
        using var view = new LiveTrainingView(events, display.Show, clock, Fixtures.Options());
        Publish(events, clock, epochs: 2, batches: 3, perBatch: Step);
        List<MimeBundle> frames = Assert.Single(display.Outputs);
        // Batches at 300, 600, …, 1800 ms: shown at 600, 1200 and 1800 (≥ 500 ms after the last), then the final view.
        Assert.Equal(1 + 3 + 1, frames.Count);
        Assert.Equal(frames.Count, view.Frames);
        Assert.StartsWith("Training started: 2 epochs, batch size 8, on cpu:0", frames[0].PlainText);
        Assert.StartsWith("Training: epoch 1/2, batch 2/3, loss 0.5000", frames[1].PlainText);
        Assert.StartsWith("Training: epoch 2/2, batch 1/3, loss 1.0000", frames[2].PlainText);
    }

    [Fact]
    public void The_last_frame_is_the_final_history_view_even_right_after_an_update()
    {
        var events = new TrainingEventStream();
        var clock = new FakeClock();
        var display = new RecordingDisplay();
        using var view = new LiveTrainingView(events, display.Show, clock, Fixtures.Options());
        History history = Publish(events, clock, epochs: 1, batches: 2, perBatch: TimeSpan.Zero);
        List<MimeBundle> frames = Assert.Single(display.Outputs);
        Assert.Equal(2, frames.Count);
        Assert.Equal(history.ToString(), frames[^1].PlainText);
        Assert.Contains("Plotly.newPlot(", frames[^1].Html);
    }

    [Fact]
    public void Progress_frames_draw_static_svg_curves_and_a_progress_bar()
    {
        var events = new TrainingEventStream();
        var clock = new FakeClock();
        var display = new RecordingDisplay();
        using var view = new LiveTrainingView(events, display.Show, clock, Fixtures.Options());
        Publish(events, clock, epochs: 1, batches: 4, perBatch: TimeSpan.FromSeconds(1));
        MimeBundle progress = display.Outputs[0][2];
        Assert.DoesNotContain("Plotly", progress.Html);
        Assert.Contains("<svg", progress.Html);
        Assert.Contains("width:160px", progress.Html);
        Assert.Equal([MimeTypes.Html, MimeTypes.Svg, MimeTypes.PlainText], progress.MimeTypes);
    }

    [Fact]
    public void Each_run_gets_its_own_output_and_disposing_stops_following()
    {
        var events = new TrainingEventStream();
        var clock = new FakeClock();
        var display = new RecordingDisplay();
        var view = new LiveTrainingView(events, display.Show, clock, Fixtures.Options());
        Publish(events, clock, 1, 1, Step);
        Publish(events, clock, 1, 1, Step);
        Assert.Equal(2, display.Outputs.Count);
        view.Dispose();
        Publish(events, clock, 1, 1, Step);
        Assert.Equal(2, display.Outputs.Count);
    }

    [Fact]
    public void A_real_fit_with_a_frozen_clock_shows_the_start_and_the_final_history()
    {
        var model = new Sequential(seed: 4);
        model.Add(new Dense(1, inputShape: [2]));
        model.Compile(optimizer: "sgd", loss: "mse");
        var display = new RecordingDisplay();
        using var view = new LiveTrainingView(model.TrainingEvents, display.Show, new FakeClock(), Fixtures.Options());
        History history = model.Fit(new float[,] { { 1, 2 }, { 3, 4 }, { 5, 6 }, { 7, 8 } }, new float[] { 1, 2, 3, 4 }, batchSize: 1, epochs: 3, verbose: 0);
        List<MimeBundle> frames = Assert.Single(display.Outputs);
        Assert.Equal(2, frames.Count);
        Assert.Equal(history.ToString(), frames[1].PlainText);
    }

    [Fact]
    public void Observe_follows_the_models_among_the_variables_only_while_live_training_is_on()
    {
        var model = new Sequential(seed: 4);
        model.Add(new Dense(1, inputShape: [2]));
        model.Compile(optimizer: "sgd", loss: "mse");
        var display = new RecordingDisplay();
        var settings = new NotebookSettings { Render = Fixtures.Options() };
        object?[] variables = [model, "text", null, model];
        using (LiveTraining.Observe(variables, display.Show, settings))
            model.Fit(new float[,] { { 1, 2 } }, new float[] { 1 }, verbose: 0);
        Assert.Empty(display.Outputs);
        settings.LiveTraining = true;
        using (LiveTraining.Observe(variables, display.Show, settings, new FakeClock()))
            model.Fit(new float[,] { { 1, 2 } }, new float[] { 1 }, verbose: 0);
        Assert.Single(display.Outputs);
        model.Fit(new float[,] { { 1, 2 } }, new float[] { 1 }, verbose: 0);
        Assert.Single(display.Outputs);
    }
}
