using NotebookRnn.Layers;
using NotebookRnn.Tensors;

namespace NotebookRnn.Tests;

/// <summary>
/// Central-difference gradient checks. The probe loss is L = Σ y ⊙ R for a fixed random R, so dL/dy = R.
/// Layers compute in float32, so the step is 1e-2 and the tolerance |analytic − numeric| ≤ 1e-2·max(|a|, |n|) + 2e-3
/// (central differences are O(h²) accurate; float32 rounding of L contributes ≈ 1e-5·|L| / h).
/// </summary>
internal static class GradientCheck
{
    public const double Step = 1e-2;
    public const double RelativeTolerance = 1e-2;
    public const double AbsoluteTolerance = 2e-3;

    /// <summary>Checks a built layer's input gradient (unless disabled) and all weight gradients.</summary>
    public static void Layer(Layer layer, Tensor input, SequenceMask? mask = null, bool checkInput = true, int seed = 7)
    {
        Tensor output = layer.Forward(input, mask, training: true);
        var random = new RandomGenerator(seed);
        float[] r = [.. Enumerable.Range(0, output.Length).Select(_ => (float)random.NextGaussian())];
        foreach (Parameter p in layer.Parameters) p.ZeroGradient();
        Tensor? dx = layer.Backward(new Tensor((float[])r.Clone(), [.. output.Shape]), needInputGradient: checkInput);
        double Probe() => Dot(layer.Forward(input, mask, training: true), r);
        if (checkInput)
        {
            Assert.NotNull(dx);
            Compare("input", dx!.ToArray(), Numeric(input.Span, Probe));
        }
        foreach (Parameter p in layer.Parameters)
            Compare(p.Name, p.Gradient.ToArray(), Numeric(p.Value.Span, Probe));
    }

    /// <summary>
    /// Checks a built multi-input layer's gradients for every input (unless <paramref name="checkInputs"/> says otherwise)
    /// and every weight, with the same probe loss L = Σ y ⊙ R.
    /// </summary>
    public static void MultiInput(MultiInputLayer layer, Tensor[] inputs, SequenceMask?[]? masks = null, bool[]? checkInputs = null, int seed = 7)
    {
        IReadOnlyList<SequenceMask?> given = masks ?? [];
        bool[] check = checkInputs ?? [.. inputs.Select(_ => true)];
        Tensor output = layer.Forward(inputs, given, training: true);
        var random = new RandomGenerator(seed);
        float[] r = [.. Enumerable.Range(0, output.Length).Select(_ => (float)random.NextGaussian())];
        foreach (Parameter p in layer.Parameters) p.ZeroGradient();
        IReadOnlyList<Tensor?> gradients = layer.BackwardAll(new Tensor((float[])r.Clone(), [.. output.Shape]), check);
        double Probe() => Dot(layer.Forward(inputs, given, training: true), r);
        for (int k = 0; k < inputs.Length; k++)
        {
            if (!check[k]) continue;
            Assert.NotNull(gradients[k]);
            Compare($"input {k}", gradients[k]!.ToArray(), Numeric(inputs[k].Span, Probe));
        }
        foreach (Parameter p in layer.Parameters)
            Compare(p.Name, p.Gradient.ToArray(), Numeric(p.Value.Span, Probe));
    }

    /// <summary>The numeric gradient of <paramref name="probe"/> with respect to every element of <paramref name="values"/>.</summary>
    public static double[] Numeric(Span<float> values, Func<double> probe)
    {
        var gradient = new double[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            float saved = values[i];
            values[i] = saved + (float)Step;
            double plus = probe();
            values[i] = saved - (float)Step;
            double minus = probe();
            values[i] = saved;
            gradient[i] = (plus - minus) / (2 * Step);
        }
        return gradient;
    }

    public static void Compare(string what, float[] analytic, double[] numeric)
    {
        Assert.Equal(numeric.Length, analytic.Length);
        for (int i = 0; i < numeric.Length; i++)
        {
            double a = analytic[i], n = numeric[i];
            double allowed = RelativeTolerance * Math.Max(Math.Abs(a), Math.Abs(n)) + AbsoluteTolerance;
            Assert.True(Math.Abs(a - n) <= allowed, $"{what}[{i}]: analytic {a:G6}, numeric {n:G6}, allowed difference {allowed:G3}.");
        }
    }

    public static double Dot(Tensor y, float[] r)
    {
        double sum = 0;
        ReadOnlySpan<float> values = y.Span;
        for (int i = 0; i < values.Length; i++) sum += (double)values[i] * r[i];
        return sum;
    }

    /// <summary>A seeded tensor with values in [low, high).</summary>
    public static Tensor Uniform(int seed, float low, float high, params int[] shape)
    {
        var random = new RandomGenerator(seed);
        var t = new Tensor(shape);
        Span<float> s = t.Span;
        for (int i = 0; i < s.Length; i++) s[i] = low + (high - low) * random.NextFloat();
        return t;
    }

    /// <summary>A seeded tensor whose values are at least <paramref name="gap"/> away from every kink in <paramref name="kinks"/>.</summary>
    public static Tensor AwayFrom(int seed, float[] kinks, float gap, params int[] shape)
    {
        Tensor t = Uniform(seed, -3, 3, shape);
        Span<float> s = t.Span;
        for (int i = 0; i < s.Length; i++)
            foreach (float k in kinks)
                if (Math.Abs(s[i] - k) < gap) s[i] = k + (s[i] >= k ? gap : -gap);
        return t;
    }
}
