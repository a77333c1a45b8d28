using NotebookRnn.Devices;
using NotebookRnn.Training;

namespace NotebookRnn.Tests.Training;

public class RunSetTests
{
    private static History Run(string label, double[] losses, double[] seconds, int samples = 100)
    {
        var history = new History(32, losses.Length, DateTimeOffset.UnixEpoch) { Label = label };
        for (int e = 0; e < losses.Length; e++)
        {
            var metrics = new Dictionary<string, double> { ["loss"] = losses[e], ["accuracy"] = 1 - losses[e] };
            history.AddBatch(new BatchRecord(e, 0, samples, metrics, TimeSpan.FromSeconds(seconds[e]),
                [new DeviceBatchRecord("cpu:0", samples, samples, 0, losses[e], TimeSpan.FromSeconds(seconds[e]), TimeSpan.Zero)]));
            history.AddEpoch(new EpochRecord(e, metrics, TimeSpan.FromSeconds(seconds[e]), samples, samples / seconds[e]));
        }
        return history;
    }

    [Fact]
    public void Runs_line_up_on_epochs_and_on_wall_clock_time()
    {
        RunSet runs = History.Compare(Run("padded", [0.9, 0.5, 0.3], [2, 2, 2]), Run("packed", [0.9, 0.5, 0.3], [1, 1, 1]));
        Assert.Equal([0.9, 0.5, 0.3], runs.ByEpoch(1, "loss"));
        Assert.Equal([(1.0, 0.9), (2.0, 0.5), (3.0, 0.3)], runs.ByWallClock(1, "loss"));
        Assert.Equal(4.0, runs.TimeToReach(0, "loss", 0.5));
        Assert.Equal(2.0, runs.TimeToReach(1, "loss", 0.5));
        Assert.Equal(3.0, runs.TimeToReach(1, "accuracy", 0.7));
        Assert.Null(runs.TimeToReach(0, "loss", 0.1));
    }

    [Fact]
    public void The_table_names_each_run_with_its_speed_relative_to_the_first()
    {
        string table = History.Compare(Run("padded", [0.5], [2]), Run("packed", [0.4], [1])).ToString();
        string[] lines = table.Split('\n');
        Assert.Equal(3, lines.Length);
        Assert.StartsWith("run", lines[0]);
        Assert.Contains("padded", lines[1]);
        Assert.Contains("1.00×", lines[1]);
        Assert.Contains("packed", lines[2]);
        Assert.Contains("2.00×", lines[2]);
        Assert.Contains("0.4000", lines[2]);
    }

    [Fact]
    public void A_metric_a_run_did_not_record_is_named_with_what_it_has()
    {
        RunSet runs = History.Compare(Run("a", [0.5], [1]));
        var error = Assert.Throws<KeyNotFoundException>(() => runs.ByEpoch(0, "val_loss"));
        Assert.Contains("val_loss", error.Message);
        Assert.Contains("loss", error.Message);
        Assert.Throws<ArgumentException>(() => new RunSet([]));
    }
}
