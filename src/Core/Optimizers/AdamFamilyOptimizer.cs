namespace NotebookRnn.Optimizers;

/// <summary>
/// What <see cref="Adam"/>, <see cref="Adamax"/> and <see cref="Nadam"/> share: the moment decay rates β₁, β₂ and the
/// denominator offset ε, checked once and written to the config as Keras names them (<c>beta_1</c>, <c>beta_2</c>,
/// <c>epsilon</c>). Only this library derives from it.
/// </summary>
public abstract class AdamFamilyOptimizer : Optimizer
{
    /// <summary>Checks and stores β₁, β₂ and ε; the other arguments go to <see cref="Optimizer"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">β₁ or β₂ is outside [0, 1), or ε is negative or NaN.</exception>
    private protected AdamFamilyOptimizer(double? learningRate, double? lr, double beta1, double beta2, double epsilon,
        double? weightDecay, double? clipNorm, double? clipValue, double? globalClipNorm)
        : base(learningRate, lr, 0.001, weightDecay, clipNorm, clipValue, globalClipNorm)
    {
        if (!(beta1 >= 0 && beta1 < 1)) throw new ArgumentOutOfRangeException(nameof(beta1), beta1, "Expected beta1 in [0, 1).");
        if (!(beta2 >= 0 && beta2 < 1)) throw new ArgumentOutOfRangeException(nameof(beta2), beta2, "Expected beta2 in [0, 1).");
        if (!(epsilon >= 0)) throw new ArgumentOutOfRangeException(nameof(epsilon), epsilon, "Expected epsilon ≥ 0.");
        Beta1 = beta1;
        Beta2 = beta2;
        Epsilon = epsilon;
    }

    /// <summary>β₁.</summary>
    public double Beta1 { get; }

    /// <summary>β₂.</summary>
    public double Beta2 { get; }

    /// <summary>ε.</summary>
    public double Epsilon { get; }

    /// <inheritdoc/>
    public override IReadOnlyDictionary<string, object?> GetConfig() => new Dictionary<string, object?>(base.GetConfig())
    {
        ["beta_1"] = Beta1,
        ["beta_2"] = Beta2,
        ["epsilon"] = Epsilon,
    };
}
