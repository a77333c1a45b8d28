using NotebookRnn.Training;

namespace NotebookRnn.Tests.Training;

/// <summary>The live progress bar that verbose 1 draws on a terminal (mpirun gives every rank one).</summary>
public class ProgressPrinterTests
{
    [Fact]
    public void A_live_bar_draws_the_first_batch_then_at_most_every_tenth_of_a_second_and_the_last_batch()
    {
        var output = new StringWriter();
        var printer = new ProgressPrinter(verbose: 1, output, outputIsTerminal: true);
        var logs = new EvaluationResult { ["loss"] = 1.5 };

        printer.BeginEpoch(epoch: 0, epochs: 1, batches: 4);
        printer.Update(1, TimeSpan.FromMilliseconds(5), logs);
        printer.Update(2, TimeSpan.FromMilliseconds(50), logs);
        printer.Update(3, TimeSpan.FromMilliseconds(150), logs);
        printer.Update(4, TimeSpan.FromMilliseconds(160), logs);

        string[] draws = output.ToString().Split('\r')[1..];
        Assert.Equal(["1/4", "3/4", "4/4"], draws.Select(draw => draw.Split(' ')[0]));
    }
}
