using NotebookRnn.Initializers;
using NotebookRnn.Kernels;
using NotebookRnn.Layers;
using NotebookRnn.Tensors;

namespace NotebookRnn.Tests.Layers;

public class EmbeddingTests
{
    [Fact]
    public void Lookup_returns_the_rows_of_the_table()
    {
        var layer = new Embedding(5, 3);
        layer.Build([null], new RandomGenerator(1));
        Tensor y = layer.Forward(new int[,] { { 4, 0 }, { 2, 2 } }, null, false);
        Assert.Equal([2, 2, 3], y.Shape);
        float[] table = layer.Embeddings.Value.ToArray();
        Assert.Equal(table[12..15], y.ToArray()[0..3]);
        Assert.Equal(table[6..9], y.ToArray()[9..12]);
    }

    [Fact]
    public void Weight_gradient_matches_central_differences_with_repeated_ids()
    {
        var layer = new Embedding(6, 4, embeddingsInitializer: new RandomUniform(-1, 1));
        layer.Build([null], new RandomGenerator(2));
        GradientCheck.Layer(layer, new int[,] { { 1, 3, 3 }, { 5, 1, 0 } }, checkInput: false);
    }

    [Fact]
    public void Mask_zero_marks_id_zero_as_padding()
    {
        var layer = new Embedding(4, 2, maskZero: true);
        layer.Build([null], new RandomGenerator(1));
        SequenceMask mask = layer.ComputeOutputMask(new int[,] { { 0, 0, 1, 2 }, { 3, 1, 0, 0 } }, null)!;
        Assert.Equal([2, 2], mask.Lengths);
        Assert.Equal(MaskLayout.Scattered, mask.Layout);
        Assert.False(mask.IsValid(0, 1));
        Assert.True(mask.IsValid(1, 1));
    }

    [Theory]
    [InlineData(-1f)]
    [InlineData(7f)]
    [InlineData(1.5f)]
    public void Ids_outside_the_vocabulary_are_rejected_with_their_position(float id)
    {
        var layer = new Embedding(7, 2);
        layer.Build([null], new RandomGenerator(1));
        var error = Assert.Throws<ArgumentException>(() => layer.Forward(new Tensor([1f, 2f, 3f, id], 2, 2), null, false));
        Assert.Contains("[0, 7)", error.Message);
        Assert.Contains("sample 1, step 1", error.Message);
    }
}
