using NotebookRnn.Kernels;
using NotebookRnn.Layers;
using NotebookRnn.Sequences;
using NotebookRnn.Tensors;

namespace NotebookRnn.Tests.Layers;

/// <summary>
/// Lengths first: a mask is each row's length and a layout, with flags only when a row has a hole. Every view of it
/// (flags, <see cref="SequenceMask.IsValid"/>, step weights) must agree with the flags Keras would use.
/// </summary>
public class SequenceMaskTests
{
    private static bool[] ExpectedFlags(int[] lengths, int steps, Padding padding) =>
        [.. lengths.SelectMany(length => Enumerable.Range(0, steps).Select(t => padding == Padding.Post ? t < length : t >= steps - length))];

    [Fact]
    public void Lengths_give_the_flags_of_their_padding_side_in_every_view()
    {
        var random = new RandomGenerator(3);
        for (int trial = 0; trial < 40; trial++)
        {
            int batch = random.NextInt(1, 7), steps = random.NextInt(1, 9);
            Padding padding = trial % 2 == 0 ? Padding.Post : Padding.Pre;
            int[] lengths = [.. Enumerable.Range(0, batch).Select(_ => random.NextInt(0, steps + 1))];
            SequenceMask mask = SequenceMask.FromLengths(lengths, steps, padding);
            bool[] expected = ExpectedFlags(lengths, steps, padding);
            Assert.Equal(expected, mask.Flags.ToArray());
            Assert.Equal(expected, Enumerable.Range(0, batch * steps).Select(i => mask.IsValid(i / steps, i % steps)));
            float[] weights = new float[batch * steps];
            mask.WriteStepWeights(weights);
            Assert.Equal(expected.Select(f => f ? 1f : 0f), weights);
            var fromFlags = new SequenceMask(expected, batch, steps);
            Assert.Equal(fromFlags.Layout, mask.Layout);
            Assert.Equal(fromFlags.Lengths, mask.Lengths);
            Assert.Equal(lengths.Sum(), mask.RealSteps);
        }
    }

    [Fact]
    public void Rows_that_are_empty_or_full_fit_either_side_and_are_named_post()
    {
        Assert.Equal(MaskLayout.Post, SequenceMask.FromLengths([0, 3], 3, Padding.Pre).Layout);
        Assert.Equal(MaskLayout.Pre, SequenceMask.FromLengths([1, 3], 3, Padding.Pre).Layout);
        Assert.Equal(MaskLayout.Full, SequenceMask.FromLengths([3, 3], 3, Padding.Pre).Layout);
        Assert.False(SequenceMask.FromLengths([3, 3], 3, Padding.Post).HasPadding);
    }

    [Fact]
    public void Zero_ids_inside_a_sequence_are_holes_as_in_keras()
    {
        var random = new Random(5);
        for (int trial = 0; trial < 60; trial++)
        {
            int batch = random.Next(1, 6), steps = random.Next(1, 8);
            float[] ids = [.. Enumerable.Range(0, batch * steps).Select(_ => (float)(random.Next(3) == 0 ? 0 : random.Next(1, 9)))];
            if (trial % 3 == 0) // post-padded rows: zeros only after the real steps
                for (int b = 0; b < batch; b++)
                    for (int t = random.Next(steps + 1); t < steps; t++) ids[b * steps + t] = 0;
            SequenceMask mask = SequenceMask.OfSteps(ids, batch, steps, width: 1, padValue: 0);
            bool[] keras = [.. ids.Select(id => id != 0)];
            Assert.Equal(keras, mask.Flags.ToArray());
            var reference = new SequenceMask(keras, batch, steps);
            Assert.Equal(reference.Layout, mask.Layout);
            Assert.Equal(reference.Lengths, mask.Lengths);
        }
    }

    [Fact]
    public void Intersection_takes_the_shorter_length_on_one_side_and_flags_across_sides()
    {
        SequenceMask post = SequenceMask.FromLengths([3, 1, 0], 4, Padding.Post);
        SequenceMask shorter = post.Intersect(SequenceMask.FromLengths([2, 4, 4], 4, Padding.Post));
        Assert.Equal([2, 1, 0], shorter.Lengths);
        Assert.Equal(MaskLayout.Post, shorter.Layout);
        SequenceMask pre = SequenceMask.FromLengths([4, 2, 4], 4, Padding.Pre);
        SequenceMask both = post.Intersect(pre);
        Assert.Equal(post.Flags.ToArray().Zip(pre.Flags.ToArray(), (a, b) => a && b), both.Flags.ToArray());
        Assert.Same(post, post.Intersect(null));
        Assert.Throws<ArgumentException>(() => post.Intersect(SequenceMask.FromLengths([1], 4, Padding.Post)));
    }

    [Fact]
    public void Union_takes_the_longer_length_on_one_side_and_flags_across_sides()
    {
        SequenceMask post = SequenceMask.FromLengths([3, 1, 0], 4, Padding.Post);
        SequenceMask longer = post.Union(SequenceMask.FromLengths([2, 2, 0], 4, Padding.Post));
        Assert.Equal([3, 2, 0], longer.Lengths);
        Assert.Equal(MaskLayout.Post, longer.Layout);
        SequenceMask pre = SequenceMask.FromLengths([1, 2, 0], 4, Padding.Pre);
        SequenceMask either = post.Union(pre);
        Assert.Equal(post.Flags.ToArray().Zip(pre.Flags.ToArray(), (a, b) => a || b), either.Flags.ToArray());
        Assert.Equal(MaskLayout.Scattered, either.Layout);
        SequenceMask full = SequenceMask.FromLengths([4, 4, 4], 4, Padding.Post);
        Assert.Same(full, post.Union(full));
        Assert.Throws<ArgumentException>(() => post.Union(SequenceMask.FromLengths([1], 4, Padding.Post)));
    }

    [Fact]
    public void Gather_keeps_the_chosen_rows_and_finds_their_layout()
    {
        var scattered = new SequenceMask([true, false, true, true, true, false], 2, 3);
        Assert.Equal(MaskLayout.Scattered, scattered.Layout);
        SequenceMask second = scattered.Gather([1]);
        Assert.Equal(MaskLayout.Post, second.Layout);
        Assert.Equal([2], second.Lengths);
        SequenceMask pre = SequenceMask.FromLengths([1, 2, 3], 3, Padding.Pre).Gather([2, 0]);
        Assert.Equal([3, 1], pre.Lengths);
        Assert.Equal(MaskLayout.Pre, pre.Layout);
        Assert.Equal([true, true, true, false, false, true], pre.Flags.ToArray());
    }

    [Fact]
    public void A_step_outside_the_mask_is_rejected()
    {
        SequenceMask mask = SequenceMask.FromLengths([1], 2, Padding.Post);
        Assert.Equal("step", Assert.Throws<ArgumentOutOfRangeException>(() => mask.IsValid(0, 2)).ParamName);
        Assert.Equal("row", Assert.Throws<ArgumentOutOfRangeException>(() => mask.IsValid(1, 0)).ParamName);
    }
}
