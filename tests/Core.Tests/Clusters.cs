using NotebookRnn.Tensors;

namespace NotebookRnn.Tests;

/// <summary>Seeded Gaussian blobs, a classification problem that small dense models learn within a few epochs.</summary>
internal static class Clusters
{
    public static (Tensor X, Tensor Y) Generate(int samples, int seed, int classes = 10, int features = 20)
    {
        // Seeded Gaussian blobs: class centres drawn once (seed 1234), samples scattered around them with σ = 1.
        var centres = new RandomGenerator(1234);
        var centre = new float[classes, features];
        for (int c = 0; c < classes; c++)
            for (int f = 0; f < features; f++) centre[c, f] = (float)(3 * centres.NextGaussian());
        var random = new RandomGenerator(seed);
        var x = new Tensor(samples, features);
        var y = new Tensor(samples);
        for (int i = 0; i < samples; i++)
        {
            int label = random.NextInt(classes);
            y[i] = label;
            for (int f = 0; f < features; f++) x[i, f] = centre[label, f] + (float)random.NextGaussian();
        }
        return (x, y);
    }

}
