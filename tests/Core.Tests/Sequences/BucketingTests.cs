using FsCheck;
using FsCheck.Fluent;
using NotebookRnn.Kernels;
using NotebookRnn.Sequences;
using NotebookRnn.Layers;

namespace NotebookRnn.Tests.SequencesToolkit;

public class BucketingTests
{
    [Fact]
    public void Bucket_i_holds_lengths_from_the_previous_boundary_up_to_but_excluding_its_own()
    {
        int[] lengths = [1, 2, 3, 4, 5, 9];
        var plan = NotebookRnn.Sequences.Sequences.BucketBySequenceLength(lengths, boundaries: [3, 5], batchSizes: [10, 10, 10]);

        Assert.Equal(3, plan.Batches.Count);
        Assert.Equal([0, 1], plan.Batches[0].Indices);
        Assert.Equal([2, 3], plan.Batches[1].Indices);
        Assert.Equal([4, 5], plan.Batches[2].Indices);
        Assert.Equal([0, 1, 2], plan.Batches.Select(b => b.Bucket));
        Assert.Equal([2, 4, 9], plan.Batches.Select(b => b.PaddedLength));
    }

    [Fact]
    public void Full_batches_come_out_as_their_bucket_fills_and_partial_ones_follow_in_bucket_order()
    {
        int[] lengths = [1, 5, 1, 5, 1, 7];
        var plan = NotebookRnn.Sequences.Sequences.BucketBySequenceLength(lengths, boundaries: [3], batchSizes: [2, 2]);

        Assert.Equal(new[] { new[] { 0, 2 }, [1, 3], [4], [5] }, plan.Batches.Select(b => b.Indices));
        Assert.Equal([1, 5, 1, 7], plan.Batches.Select(b => b.PaddedLength));
        Assert.Empty(plan.Dropped);
        Assert.Equal(6, plan.SampleCount);
        Assert.Equal(20, plan.RealTokens);
        Assert.Equal(2 * 1 + 2 * 5 + 1 * 1 + 1 * 7, plan.PaddedTokens);
        Assert.Equal(0, plan.PaddingTokens);
    }

    [Fact]
    public void Each_bucket_uses_its_own_batch_size()
    {
        int[] lengths = [1, 1, 1, 8, 8, 8];
        var plan = NotebookRnn.Sequences.Sequences.BucketBySequenceLength(lengths, boundaries: [4], batchSizes: [3, 1]);
        Assert.Equal([3, 1, 1, 1], plan.Batches.Select(b => b.Size));
        Assert.Equal([3, 4, 5], plan.Batches.Where(b => b.Bucket == 1).Select(b => b.Indices.Single()));
    }

    [Fact]
    public void Padding_to_the_bucket_boundary_uses_the_boundary_minus_one()
    {
        int[] lengths = [1, 2, 3, 4];
        var plan = NotebookRnn.Sequences.Sequences.BucketBySequenceLength(lengths, [3, 5], [2, 2, 2], padToBucketBoundary: true);
        Assert.Equal([2, 4], plan.Batches.Select(b => b.PaddedLength));

        var shortBatch = NotebookRnn.Sequences.Sequences.BucketBySequenceLength([1, 3], [3, 10], [4, 4, 4], padToBucketBoundary: true);
        Assert.Equal([2, 9], shortBatch.Batches.Select(b => b.PaddedLength));
        Assert.Equal(2 + 9 - (1 + 3), shortBatch.PaddingTokens);
    }

    [Fact]
    public void Padding_to_the_bucket_boundary_rejects_lengths_past_the_last_boundary()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            NotebookRnn.Sequences.Sequences.BucketBySequenceLength([2, 12], [5, 10], [1, 1, 1], padToBucketBoundary: true));
        Assert.Equal("lengths", error.ParamName);
        Assert.Contains("sample 1 has length 12", error.Message);
        Assert.Contains("last boundary (10)", error.Message);
        Assert.Contains("at least 13", error.Message);
    }

    [Fact]
    public void Drop_remainder_is_the_only_way_to_lose_samples_and_they_are_listed()
    {
        int[] lengths = [1, 5, 1, 5, 1, 7];
        var plan = NotebookRnn.Sequences.Sequences.BucketBySequenceLength(lengths, [3], [2, 2], dropRemainder: true);
        Assert.Equal(new[] { new[] { 0, 2 }, [1, 3] }, plan.Batches.Select(b => b.Indices));
        Assert.Equal([4, 5], plan.Dropped);
    }

    [Fact]
    public void Shuffling_is_seeded_and_still_places_every_sample_once()
    {
        int[] lengths = Enumerable.Range(0, 50).Select(i => i % 13).ToArray();
        var first = NotebookRnn.Sequences.Sequences.BucketBySequenceLength(lengths, [4, 8], [3, 3, 3], shuffle: true, seed: 5);
        var again = NotebookRnn.Sequences.Sequences.BucketBySequenceLength(lengths, [4, 8], [3, 3, 3], shuffle: true, seed: 5);
        var other = NotebookRnn.Sequences.Sequences.BucketBySequenceLength(lengths, [4, 8], [3, 3, 3], shuffle: true, seed: 6);

        Assert.Equal(first.Batches.SelectMany(b => b.Indices), again.Batches.SelectMany(b => b.Indices));
        Assert.NotEqual(first.Batches.SelectMany(b => b.Indices), other.Batches.SelectMany(b => b.Indices));
        Assert.Equal(Enumerable.Range(0, 50), first.Batches.SelectMany(b => b.Indices).Order());
    }

    [Fact]
    public void A_batch_pads_its_own_sequences_without_truncating()
    {
        int[][] sequences = [[1], [2, 2, 2], [3, 3], [4, 4, 4, 4, 4]];
        var plan = NotebookRnn.Sequences.Sequences.BucketBySequenceLength(sequences.Select(s => s.Length).ToArray(), [3], [2, 2]);

        var padded = plan.Batches[1].Pad(sequences, Padding.Post);
        Assert.Equal([1, 3], plan.Batches[1].Indices);
        Assert.Equal(new float[,] { { 2, 2, 2, 0, 0 }, { 4, 4, 4, 4, 4 } }, padded.Values.ToArray2D());
        Assert.Equal([3, 5], padded.Lengths);

        int[][] wrong = [[1], [2, 2, 2], [3, 3], [4, 4, 4, 4, 4, 4]];
        Assert.Contains("Sequence 3 has length 6", Assert.Throws<ArgumentException>(() => plan.Batches[1].Pad(wrong)).Message);
    }

    [Fact]
    public void Invalid_arguments_name_the_expected_and_actual_values()
    {
        var sizes = Assert.Throws<ArgumentException>(() => NotebookRnn.Sequences.Sequences.BucketBySequenceLength([1], [3, 5], [2, 2]));
        Assert.Equal("batchSizes", sizes.ParamName);
        Assert.Contains("Expected boundaries.Count + 1 = 3 batch sizes (one per bucket), got 2", sizes.Message);

        var order = Assert.Throws<ArgumentException>(() => NotebookRnn.Sequences.Sequences.BucketBySequenceLength([1], [5, 5], [2, 2, 2]));
        Assert.Contains("strictly increasing boundaries ≥ 1, got [5, 5]", order.Message);

        var length = Assert.Throws<ArgumentException>(() => NotebookRnn.Sequences.Sequences.BucketBySequenceLength([1, -2], [], [2]));
        Assert.Contains("length 1 is -2", length.Message);

        Assert.Contains("batch size 0 is 0",
            Assert.Throws<ArgumentException>(() => NotebookRnn.Sequences.Sequences.BucketBySequenceLength([1], [], [0])).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => NotebookRnn.Sequences.Sequences.AutoBuckets([1, 2], 0));
    }

    [Fact]
    public void Auto_buckets_split_one_to_ten_in_the_middle()
    {
        // Splitting 1..10 after m costs m·m + (10 − m)·10: 75 at m = 5, 76 at m = 4 or 6.
        Assert.Equal([6], NotebookRnn.Sequences.Sequences.AutoBuckets(Enumerable.Range(1, 10).ToArray(), 2));
    }

    [Fact]
    public void Auto_buckets_separate_clusters_and_need_no_more_buckets_than_distinct_lengths()
    {
        Assert.Equal([4], NotebookRnn.Sequences.Sequences.AutoBuckets([1, 2, 3, 20, 21, 22], 2));
        Assert.Empty(NotebookRnn.Sequences.Sequences.AutoBuckets([1, 2, 3], 1));
        Assert.Empty(NotebookRnn.Sequences.Sequences.AutoBuckets([], 3));
        Assert.Equal([2, 6], NotebookRnn.Sequences.Sequences.AutoBuckets([1, 5, 1, 9, 5], 10));
        Assert.Equal(1 + 5 + 1 + 9 + 5, PaddedTokens([1, 5, 1, 9, 5], [2, 6]));
    }

    private static readonly Arbitrary<(int[] Lengths, int[] Boundaries, int[] BatchSizes, bool Shuffle, long Seed)> PlanCases =
        (from lengths in Gen.Choose(0, 40).ArrayOf()
         from boundaries in Gen.Choose(1, 45).ArrayOf().Select(b => b.Distinct().Order().ToArray())
         from sizes in Gen.Choose(1, 6).ArrayOf(boundaries.Length + 1)
         from shuffle in Gen.Elements(false, true)
         from seed in Gen.Choose(0, 1000)
         select (lengths, boundaries, sizes, shuffle, (long)seed)).ToArbitrary();

    [Fact]
    public void Property_bucketing_places_every_sequence_in_exactly_one_batch_of_its_bucket()
    {
        Prop.ForAll(PlanCases, c =>
        {
            var plan = NotebookRnn.Sequences.Sequences.BucketBySequenceLength(c.Lengths, c.Boundaries, c.BatchSizes, shuffle: c.Shuffle, seed: c.Seed);
            bool exactlyOnce = plan.Batches.SelectMany(b => b.Indices).Order().SequenceEqual(Enumerable.Range(0, c.Lengths.Length));
            bool rightBucket = plan.Batches.All(b => b.Indices.All(i => c.Boundaries.Count(x => c.Lengths[i] >= x) == b.Bucket));
            bool fits = plan.Batches.All(b => b.Size <= c.BatchSizes[b.Bucket] &&
                                              b.PaddedLength == b.Indices.Max(i => c.Lengths[i]));
            bool partialAtMostOncePerBucket = plan.Batches.Where(b => b.Size < c.BatchSizes[b.Bucket])
                .GroupBy(b => b.Bucket).All(g => g.Count() == 1);
            return exactlyOnce && rightBucket && fits && partialAtMostOncePerBucket && plan.Dropped.Length == 0;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Property_drop_remainder_keeps_only_full_batches_and_lists_the_rest()
    {
        Prop.ForAll(PlanCases, c =>
        {
            var plan = NotebookRnn.Sequences.Sequences.BucketBySequenceLength(c.Lengths, c.Boundaries, c.BatchSizes, dropRemainder: true,
                shuffle: c.Shuffle, seed: c.Seed);
            var batched = plan.Batches.SelectMany(b => b.Indices);
            return batched.Concat(plan.Dropped).Order().SequenceEqual(Enumerable.Range(0, c.Lengths.Length)) &&
                   plan.Batches.All(b => b.Size == c.BatchSizes[b.Bucket]);
        }).QuickCheckThrowOnFailure();
    }

    private static readonly Arbitrary<(int[] Lengths, int Buckets, int[][] Rivals)> AutoBucketCases =
        (from lengths in Gen.Choose(0, 60).NonEmptyListOf().Select(l => l.ToArray())
         from buckets in Gen.Choose(1, 5)
         from rivals in Gen.Choose(1, 61).ArrayOf(buckets - 1).Select(b => b.Distinct().Order().ToArray()).ArrayOf(20)
         select (lengths, buckets, rivals)).ToArbitrary();

    [Fact]
    public void Property_auto_buckets_pad_no_more_than_any_other_boundaries_tried_at_random()
    {
        Prop.ForAll(AutoBucketCases, c =>
        {
            int[] best = NotebookRnn.Sequences.Sequences.AutoBuckets(c.Lengths, c.Buckets);
            long bestTokens = PaddedTokens(c.Lengths, best);
            return best.Length <= c.Buckets - 1 && c.Rivals.All(rival => bestTokens <= PaddedTokens(c.Lengths, rival));
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Property_auto_buckets_match_an_exhaustive_search_on_small_inputs()
    {
        var small = (from lengths in Gen.Choose(0, 12).NonEmptyListOf().Select(l => l.ToArray())
                     from buckets in Gen.Choose(1, 4)
                     select (lengths, buckets)).ToArbitrary();
        Prop.ForAll(small, c =>
        {
            int[] candidates = Enumerable.Range(1, 13).ToArray();
            long exhaustive = Subsets(candidates, c.buckets - 1).Min(b => PaddedTokens(c.lengths, b));
            return PaddedTokens(c.lengths, NotebookRnn.Sequences.Sequences.AutoBuckets(c.lengths, c.buckets)) == exhaustive;
        }).QuickCheckThrowOnFailure();
    }

    // Independent of the library: each bucket pads to its own longest length.
    private static long PaddedTokens(int[] lengths, int[] boundaries) =>
        lengths.GroupBy(l => boundaries.Count(b => l >= b)).Sum(g => (long)g.Count() * g.Max());

    private static IEnumerable<int[]> Subsets(int[] items, int maxSize)
    {
        yield return [];
        if (maxSize == 0) yield break;
        for (int i = 0; i < items.Length; i++)
            foreach (int[] rest in Subsets(items[(i + 1)..], maxSize - 1))
                yield return [items[i], .. rest];
    }
}
