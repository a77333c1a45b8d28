using NotebookRnn.Sequences;
using NotebookRnn.Tensors;

namespace NotebookRnn.Tests.SequencesToolkit;

public class CategoricalTests
{
    [Fact]
    public void Labels_become_one_hot_rows()
    {
        Tensor y = Categorical.ToCategorical([0, 2, 1, 2]);
        Assert.Equal(new float[,] { { 1, 0, 0 }, { 0, 0, 1 }, { 0, 1, 0 }, { 0, 0, 1 } }, y.ToArray2D());
        Assert.Equal([2, 5], Categorical.ToCategorical([4, 0], numClasses: 5).Shape);
        Assert.Equal([0, 0], Categorical.ToCategorical([]).Shape);
    }

    [Fact]
    public void Tensor_labels_keep_their_shape_and_drop_a_trailing_axis_of_one_like_keras()
    {
        // Keras test_to_categorical: shapes (1,), (3,), (4, 3), (5, 4, 3), (3, 1), (3, 2, 1) with 5 classes.
        int[][] shapes = [[1], [3], [4, 3], [5, 4, 3], [3, 1], [3, 2, 1]];
        int[][] expected = [[1, 5], [3, 5], [4, 3, 5], [5, 4, 3, 5], [3, 5], [3, 2, 5]];
        for (int i = 0; i < shapes.Length; i++)
        {
            var labels = new Tensor(shapes[i]);
            for (int j = 0; j < labels.Length; j++) labels.Span[j] = j % 5;
            Tensor oneHot = Categorical.ToCategorical(labels, numClasses: 5);
            Assert.Equal(expected[i], oneHot.Shape);
            Assert.Equal(labels.Length, (int)oneHot.ToArray().Sum());
            for (int j = 0; j < labels.Length; j++) Assert.Equal(1f, oneHot.Span[j * 5 + j % 5]);
        }
    }

    [Fact]
    public void Labels_outside_the_classes_are_rejected_with_their_position()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Categorical.ToCategorical([0, 3], numClasses: 3));
        Assert.Contains("Label 1 is 3, outside [0, 3) for 3 classes.", error.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => Categorical.ToCategorical([-1, 0]));
        Assert.Contains("label 0 is 0.5", Assert.Throws<ArgumentException>(() => Categorical.ToCategorical(new Tensor([0.5f], 1))).Message);
    }
}
