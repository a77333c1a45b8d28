using NotebookRnn.Devices;
using NotebookRnn.Models;
using NotebookRnn.Optimizers;
using NotebookRnn.Tensors;
using NotebookRnn.TorchSharp;

namespace NotebookRnn.TorchSharp.Tests;

/// <summary>
/// One model on both backends from the same initial weights: <see cref="Managed"/> on NotebookRnn's engine and
/// <see cref="Torch"/> on libtorch, compiled with the same optimizer settings and loss.
/// </summary>
internal sealed class BackendComparison
{
    /// <summary>Builds the model twice with <paramref name="build"/>, gives the second the first's weights, and compiles both.</summary>
    public BackendComparison(Func<Model> build, Func<Optimizer> optimizer, string loss, params string[] metrics)
    {
        Managed = build();
        Torch = build();
        CopyWeights(Managed, Torch);
        Managed.Compile(optimizer(), loss, [.. metrics.Select(m => (Metrics.Metric)m)]);
        Torch.Compile(optimizer(), loss, [.. metrics.Select(m => (Metrics.Metric)m)], backend: TorchBackend.Instance);
    }

    /// <summary>Builds the model twice with <paramref name="build"/>, gives the second the first's weights, and compiles each with <paramref name="compile"/> (backend null: managed).</summary>
    public BackendComparison(Func<Model> build, Action<Model, Backend?> compile)
    {
        Managed = build();
        Torch = build();
        CopyWeights(Managed, Torch);
        compile(Managed, null);
        compile(Torch, TorchBackend.Instance);
    }

    public Model Managed { get; }

    public Model Torch { get; }

    /// <summary>Gives <paramref name="to"/> <paramref name="from"/>'s weight values.</summary>
    public static void CopyWeights(Model from, Model to)
    {
        Assert.Equal(from.Parameters.Count, to.Parameters.Count);
        for (int p = 0; p < from.Parameters.Count; p++) from.Parameters[p].Value.Span.CopyTo(to.Parameters[p].Value.Span);
    }

    /// <summary>Asserts that every weight of the two models is within <paramref name="tolerance"/>.</summary>
    public void AssertSameWeights(double tolerance)
    {
        for (int p = 0; p < Managed.Parameters.Count; p++)
            AssertClose(Managed.Parameters[p].Value, Torch.Parameters[p].Value, tolerance, Managed.Parameters[p].Name);
    }

    /// <summary>Asserts |expected − actual| ≤ tolerance elementwise, naming the first element that is not.</summary>
    public static void AssertClose(Tensor expected, Tensor actual, double tolerance, string what)
    {
        Assert.Equal(expected.Shape, actual.Shape);
        ReadOnlySpan<float> e = expected.Span, a = actual.Span;
        for (int i = 0; i < e.Length; i++)
            if (!(Math.Abs(e[i] - a[i]) <= tolerance))
                Assert.Fail($"{what}[{i}]: managed {e[i]}, libtorch {a[i]}, more than {tolerance} apart.");
    }

    /// <summary>Predict on both backends agrees within <paramref name="tolerance"/>; then one training step on the same batch leaves weights within it.</summary>
    public void AssertSameStep(Tensor x, Tensor y, double tolerance = 1e-5)
    {
        AssertClose(Managed.Predict(x, batchSize: x.Dim(0)), Torch.Predict(x, batchSize: x.Dim(0)), tolerance, "output");
        var managed = Managed.TrainOnBatch(x, y);
        var torch = Torch.TrainOnBatch(x, y);
        Assert.Equal(managed.Loss, torch.Loss, tolerance);
        AssertSameWeights(tolerance);
    }

    /// <summary>
    /// Predict on both backends agrees within <paramref name="tolerance"/> for every output; then one epoch of one batch of
    /// all <paramref name="samples"/> (dense, padded or ragged inputs) gives the same loss and leaves weights within it.
    /// </summary>
    public void AssertSameStep(IReadOnlyList<InputData> x, IReadOnlyList<Tensor> y, int samples, double tolerance = 1e-5)
    {
        IReadOnlyList<Tensor> managedOutputs = Managed.Predict(x, batchSize: samples), torchOutputs = Torch.Predict(x, batchSize: samples);
        for (int k = 0; k < managedOutputs.Count; k++) AssertClose(managedOutputs[k], torchOutputs[k], tolerance, $"output {k}");
        double managed = Managed.Fit(x, y, batchSize: samples, epochs: 1, verbose: 0, shuffle: false)["loss"][0];
        double torch = Torch.Fit(x, y, batchSize: samples, epochs: 1, verbose: 0, shuffle: false)["loss"][0];
        Assert.Equal(managed, torch, tolerance);
        AssertSameWeights(tolerance);
    }
}
