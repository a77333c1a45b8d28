using NotebookRnn.Initializers;
using NotebookRnn.Tensors;

namespace NotebookRnn.Tests.Initializers;

public class InitializerTests
{
    [Theory]
    [InlineData(8, 32)]
    [InlineData(32, 8)]
    [InlineData(16, 16)]
    public void Orthogonal_rows_or_columns_are_orthonormal(int rows, int columns)
    {
        var values = new float[rows * columns];
        new Orthogonal().Fill(values, [rows, columns], new RandomGenerator(1));
        bool byRows = rows <= columns;
        int count = byRows ? rows : columns, length = byRows ? columns : rows;
        double At(int vector, int i) => byRows ? values[vector * columns + i] : values[i * columns + vector];
        for (int a = 0; a < count; a++)
            for (int b = 0; b < count; b++)
            {
                double dot = 0;
                for (int i = 0; i < length; i++) dot += At(a, i) * At(b, i);
                Assert.Equal(a == b ? 1 : 0, dot, 5);
            }
    }

    [Fact]
    public void Glorot_uniform_variance_matches_two_over_fan_sum()
    {
        var values = new float[400 * 600];
        Initializer.Get("glorot_uniform").Fill(values, [400, 600], new RandomGenerator(2));
        double variance = values.Average(v => (double)v * v);
        Assert.Equal(2.0 / 1000, variance, 4);
    }

    [Fact]
    public void Unknown_initializer_names_are_rejected()
    {
        var error = Assert.Throws<ArgumentException>(() => Initializer.Get("glorot"));
        Assert.Contains("\"glorot\"", error.Message);
    }
}
