using NotebookRnn.Datasets;
using NotebookRnn.Kernels;
using NotebookRnn.Sequences;

namespace NotebookRnn.Tests.Datasets;

public class AddingProblemTests
{
    [Fact]
    public void Each_sequence_marks_one_step_in_each_half_and_the_target_is_their_sum()
    {
        var (x, y) = AddingProblem.Generate(samples: 200, length: 11, seed: 1);
        Assert.Equal([200, 11, 2], x.Shape);
        Assert.Equal([200], y.Shape);
        for (int i = 0; i < 200; i++)
        {
            int[] marked = Enumerable.Range(0, 11).Where(t => x[i, t, 1] == 1f).ToArray();
            Assert.Equal(2, marked.Length);
            Assert.InRange(marked[0], 0, 4);
            Assert.InRange(marked[1], 5, 10);
            Assert.All(Enumerable.Range(0, 11), t => Assert.InRange(x[i, t, 0], 0f, 0.99999994f));
            Assert.Equal(x[i, marked[0], 0] + x[i, marked[1], 0], y[i]);
        }
    }

    [Fact]
    public void Predicting_one_has_a_mean_squared_error_near_one_sixth()
    {
        var (_, y) = AddingProblem.Generate(samples: 20_000, length: 2, seed: 2);
        double mse = y.ToArray().Average(v => (v - 1.0) * (v - 1.0));
        Assert.InRange(mse, 1 / 6.0 - 0.01, 1 / 6.0 + 0.01);
    }

    [Fact]
    public void The_same_seed_gives_the_same_data()
    {
        var (x1, y1) = AddingProblem.Generate(50, 20, seed: 7);
        var (x2, y2) = AddingProblem.Generate(50, 20, seed: 7);
        var (x3, _) = AddingProblem.Generate(50, 20, seed: 8);
        Assert.Equal(x1.ToArray(), x2.ToArray());
        Assert.Equal(y1.ToArray(), y2.ToArray());
        Assert.NotEqual(x1.ToArray(), x3.ToArray());
    }

    [Fact]
    public void Variable_lengths_are_ragged_within_the_range_and_pad_like_any_vector_sequences()
    {
        var (x, y) = AddingProblem.Generate(samples: 300, minLength: 4, maxLength: 9, seed: 3);
        Assert.Equal(300, x.Length);
        Assert.All(x, sequence => Assert.InRange(sequence.Length, 4, 9));
        Assert.Equal(Enumerable.Range(4, 6), x.Select(s => s.Length).Distinct().Order());
        for (int i = 0; i < x.Length; i++)
        {
            int half = x[i].Length / 2;
            Assert.All(x[i], step => Assert.Equal(2, step.Length));
            Assert.Equal(1, x[i][..half].Count(step => step[1] == 1f));
            Assert.Equal(1, x[i][half..].Count(step => step[1] == 1f));
            Assert.Equal(x[i].Where(step => step[1] == 1f).Sum(step => step[0]), y[i], 6);
        }
        var padded = NotebookRnn.Sequences.Sequences.PadSequences(x);
        Assert.Equal([300, 9, 2], padded.Values.Shape);
        Assert.Equal(x.Select(s => s.Length), padded.Lengths);
    }

    [Fact]
    public void Lengths_below_two_are_rejected()
    {
        Assert.Equal("length", Assert.Throws<ArgumentOutOfRangeException>(() => AddingProblem.Generate(1, 1, seed: 0)).ParamName);
        Assert.Equal("maxLength", Assert.Throws<ArgumentOutOfRangeException>(() => AddingProblem.Generate(1, 5, 4, seed: 0)).ParamName);
    }
}
