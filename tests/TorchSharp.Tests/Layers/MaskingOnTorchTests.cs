using NotebookRnn.Layers;
using NotebookRnn.Models;
using NotebookRnn.Optimizers;
using NotebookRnn.Tensors;

namespace NotebookRnn.TorchSharp.Tests.Layers;

public class MaskingOnTorchTests
{
    [Theory]
    [InlineData("pre")]
    [InlineData("post")]
    [InlineData("ragged")]
    public void Masking_marks_and_zeroes_the_padding_of_padded_and_ragged_vectors_alike(string form)
    {
        float[][][] x = TestData.RaggedVectors(2, count: 6, minLength: 1, maxLength: 5, features: 3);
        var models = new BackendComparison(
            () => new Sequential([new Masking(inputShape: [null, 3]), new Dense(4, "tanh"), new Dense(2)], seed: 5),
            (model, backend) => model.Compile(new Adam(0.01), "mse", backend: backend));
        models.AssertSameStep([TestData.Vectors(form, x)], [TestData.Uniform(3, 6, x.Max(s => s.Length), 2)], samples: 6);
    }

    [Fact]
    public void Masking_with_a_mask_value_masks_the_steps_whose_features_all_equal_it()
    {
        Tensor x = TestData.Uniform(1, 4, 5, 2);
        foreach (var (row, step) in new[] { (0, 0), (1, 4), (2, 2), (3, 0), (3, 1) })
            x.Span.Slice((row * 5 + step) * 2, 2).Fill(0.5f);
        var models = new BackendComparison(() => new Sequential([new Masking(0.5f, inputShape: [5, 2]), new Dense(3)], seed: 2),
            () => new RMSprop(0.01), "mse");
        Assert.Equal(0f, models.Torch.Predict(x)[3, 1, 0]);
        models.AssertSameStep(x, TestData.Uniform(2, 4, 5, 3));
    }

    [Theory]
    [InlineData("pre")]
    [InlineData("post")]
    public void Masking_keeps_the_mask_of_an_earlier_layer_and_adds_its_own(string form)
    {
        // Id 0 is masked by the Embedding, id 1 (whose vector is all 0.5) by the Masking layer.
        int[][] ids = TestData.Ragged(3, count: 6, minLength: 1, maxLength: 5, vocabulary: 5);
        var models = new BackendComparison(() =>
        {
            var embedding = new Embedding(5, 3, maskZero: true, inputShape: [null]);
            var model = new Sequential([embedding, new Masking(0.5f), new Dense(2)], seed: 4);
            Tensor vectors = embedding.GetWeights()[0];
            vectors.Span.Slice(3, 3).Fill(0.5f);
            embedding.SetWeights([vectors]);
            return model;
        }, (model, backend) => model.Compile(new Adam(0.01), "mse", backend: backend));
        models.AssertSameStep([TestData.Ids(form, ids)], [TestData.Uniform(3, 6, ids.Max(s => s.Length), 2)], samples: 6);
    }
}
