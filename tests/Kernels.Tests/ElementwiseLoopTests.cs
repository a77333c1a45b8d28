using System.Runtime.Intrinsics;

namespace NotebookRnn.Kernels.Tests;

/// <summary>Which width computes which element: the widest vectors first, then narrower ones, then single floats.</summary>
public class ElementwiseLoopTests
{
    [Fact]
    public void Every_length_runs_the_widest_vectors_first_and_ends_on_single_floats()
    {
        int[] widths = [.. new[] { (16, Vector512.IsHardwareAccelerated), (8, Vector256.IsHardwareAccelerated), (4, Vector128.IsHardwareAccelerated) }
            .Where(w => w.Item2).Select(w => w.Item1), 1];
        for (int n = 0; n <= TestValues.MaxLength; n++)
        {
            float[] lanes = new float[n];
            ElementwiseLoop.Apply(new LaneCount(), lanes, lanes, lanes, lanes);
            var expected = new List<float>();
            foreach (int width in widths)
                while (n - expected.Count >= width) expected.AddRange(Enumerable.Repeat((float)width, width));
            Assert.Equal(expected, lanes);
        }
    }

    [Fact]
    public void Only_the_destination_length_is_written()
    {
        float[] source = TestValues.Wave(40, 0), destination = new float[48];
        ElementwiseLoop.Apply(new LaneCount(), source, source, source, destination.AsSpan(0, 33));
        Assert.All(destination[33..], v => Assert.Equal(0f, v));
    }

    /// <summary>Writes the number of lanes that computed each element.</summary>
    private readonly struct LaneCount : IElementwiseOperator
    {
        public float Invoke(float x, float y, float z) => 1;

        public TVector Invoke<TVector, TSimd>(TVector x, TVector y, TVector z) where TVector : struct where TSimd : ISimd<TVector> =>
            TSimd.Create(TSimd.Count);
    }
}
