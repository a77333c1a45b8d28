using System.Globalization;

namespace NotebookRnn.Training;

/// <summary>
/// Keras-style training output: <c>Epoch 1/60</c>, then a live bar
/// <c>312/1565 ━━━━━━━━━━━━━━━━━━━━ 2s 7ms/step - accuracy: 0.41 - loss: 2.13</c> updated in place at most ten
/// times a second, or a single line per epoch when output is redirected or <c>verbose</c> is 2.
/// <paramref name="outputIsTerminal"/> says whether the bar can be redrawn in place; default: the console's output is not
/// redirected.
/// </summary>
internal sealed class ProgressPrinter(int verbose, TextWriter output, bool? outputIsTerminal = null)
{
    private readonly bool _live = verbose == 1 && (outputIsTerminal ?? !Console.IsOutputRedirected);
    private int _batches;
    private TimeSpan? _lastDraw;

    public void BeginEpoch(int epoch, int epochs, int batches)
    {
        _batches = batches;
        _lastDraw = null;
        if (verbose > 0) output.WriteLine($"Epoch {epoch + 1}/{epochs}");
    }

    public void Update(int done, TimeSpan elapsed, EvaluationResult logs)
    {
        if (!_live || _lastDraw is TimeSpan last && (elapsed - last).TotalSeconds < 0.1 && done < _batches) return;
        _lastDraw = elapsed;
        output.Write("\r" + Line(done, elapsed, logs));
        output.Flush();
    }

    public void EndEpoch(EpochRecord record)
    {
        if (verbose == 0) return;
        var logs = new EvaluationResult();
        foreach (var (name, value) in record.Metrics) logs[name] = value;
        output.WriteLine((_live ? "\r" : "") + Line(_batches, record.Duration, logs));
    }

    private string Line(int done, TimeSpan elapsed, EvaluationResult logs)
    {
        const int width = 20;
        int filled = _batches == 0 ? width : done * width / _batches;
        string bar = new string('━', filled) + new string(' ', width - filled);
        double perStep = done == 0 ? 0 : elapsed.TotalMilliseconds / done;
        return string.Create(CultureInfo.InvariantCulture,
            $"{done}/{_batches} {bar} {elapsed.TotalSeconds:0}s {perStep:0}ms/step - {logs}");
    }
}
