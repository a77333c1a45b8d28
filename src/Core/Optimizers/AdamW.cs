namespace NotebookRnn.Optimizers;

/// <summary>
/// AdamW (Keras 3): <see cref="Adam"/> with decoupled weight decay on by default. Each step first decays every weight,
/// <c>w ← w − w·weightDecay·lr</c> (weights excluded by <see cref="Optimizer.ExcludeFromWeightDecay"/> are left),
/// then applies Adam's rule.
/// </summary>
public sealed class AdamW : Adam
{
    /// <summary>Creates the optimizer.</summary>
    /// <param name="learningRate">Default 0.001.</param>
    /// <param name="weightDecay">The decay per unit learning rate, ≥ 0; default 0.004. Unlike the other optimizers it is required.</param>
    /// <param name="beta1">β₁ in [0, 1); default 0.9.</param>
    /// <param name="beta2">β₂ in [0, 1); default 0.999.</param>
    /// <param name="epsilon">ε; default 1e-7.</param>
    /// <param name="amsgrad">Whether to use the AMSGrad variant; default false.</param>
    /// <param name="clipNorm">Per-weight gradient norm limit (at most one of the three clip arguments).</param>
    /// <param name="clipValue">Elementwise gradient limit.</param>
    /// <param name="globalClipNorm">Joint gradient norm limit.</param>
    /// <param name="lr">Keras 2 alias of <paramref name="learningRate"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range.</exception>
    /// <exception cref="ArgumentException">More than one clip argument is given.</exception>
    public AdamW(double? learningRate = null, double weightDecay = 0.004, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-7,
        bool amsgrad = false, double? clipNorm = null, double? clipValue = null, double? globalClipNorm = null, double? lr = null)
        : base(learningRate, beta1, beta2, epsilon, amsgrad, weightDecay, clipNorm, clipValue, globalClipNorm, lr)
    {
    }

    /// <inheritdoc/>
    public override string Name => "adamw";
}
