using NotebookRnn.Optimizers;

namespace NotebookRnn.Models.Callbacks;

/// <summary>
/// Sets the optimizer's learning rate at the start of each epoch from <c>schedule(epoch, currentRate)</c> (Keras
/// <c>LearningRateScheduler</c>).
/// </summary>
/// <param name="schedule">Maps (epoch from 0, current rate) to the new rate (&gt; 0).</param>
/// <param name="verbose">Print the rate each epoch.</param>
public sealed class LearningRateScheduler(Func<int, double, double> schedule, bool verbose = false) : Callback
{
    /// <inheritdoc/>
    /// <exception cref="InvalidOperationException">The model is not compiled, or the schedule returned a rate ≤ 0 or not finite.</exception>
    public override void OnEpochBegin(int epoch)
    {
        Optimizer optimizer = Model!.Optimizer ?? throw new InvalidOperationException("LearningRateScheduler needs a compiled model.");
        double rate = schedule(epoch, optimizer.LearningRate);
        if (!(rate > 0) || !double.IsFinite(rate))
            throw new InvalidOperationException($"The learning-rate schedule returned {rate} for epoch {epoch}; expected a finite rate > 0.");
        optimizer.LearningRate = rate;
        if (verbose) Console.WriteLine($"Epoch {epoch + 1}: LearningRateScheduler setting learning rate to {rate}.");
    }
}
