using NotebookRnn.Losses;
using NotebookRnn.Metrics;

namespace NotebookRnn.Tests.Metrics;

public class MetricTests
{
    [Fact]
    public void Accuracy_resolves_to_the_variant_that_fits_the_loss()
    {
        Metric accuracy = "accuracy";
        Assert.IsType<CategoricalAccuracy>(accuracy.ResolveFor(new CategoricalCrossentropy()));
        Assert.IsType<SparseCategoricalAccuracy>(accuracy.ResolveFor(new SparseCategoricalCrossentropy()));
        Assert.IsType<BinaryAccuracy>(accuracy.ResolveFor(new BinaryCrossentropy()));
        Assert.IsType<Accuracy>(accuracy.ResolveFor(new MeanSquaredError()));
        Assert.Equal("accuracy", accuracy.ResolveFor(new BinaryCrossentropy()).Name);
    }

    [Fact]
    public void Streaming_results_are_weighted_means_over_rows()
    {
        var metric = new SparseCategoricalAccuracy();
        metric.Update(new float[,] { { 0.9f, 0.1f }, { 0.2f, 0.8f } }, new float[] { 0, 0 }, default);
        metric.Update(new float[,] { { 0.3f, 0.7f } }, new float[] { 1 }, default);
        Assert.Equal(2.0 / 3, metric.Result(), 10);
        metric.Update(new float[,] { { 0.9f, 0.1f } }, new float[] { 1 }, [0]);
        Assert.Equal(2.0 / 3, metric.Result(), 10);
    }

    [Fact]
    public void Binary_accuracy_thresholds_at_one_half()
    {
        var metric = new BinaryAccuracy();
        metric.Update(new float[,] { { 0.6f, 0.4f }, { 0.5f, 0.9f } }, new float[,] { { 1, 0 }, { 1, 1 } }, default);
        Assert.Equal(0.75, metric.Result(), 10);
    }
}
