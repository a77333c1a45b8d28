using NotebookRnn.Datasets;
using NotebookRnn.Sequences;

namespace NotebookRnn.Tests.Datasets;

public class SequenceClassificationTaskTests
{
    [Fact]
    public void The_label_is_whether_the_marker_occurs_and_it_occurs_once_in_the_second_half()
    {
        var (sequences, labels) = SequenceClassificationTask.Generate(2000, minLength: 5, maxLength: 40, vocabularySize: 12, seed: 4);
        Assert.Equal(2000, sequences.Length);
        for (int i = 0; i < sequences.Length; i++)
        {
            int[] s = sequences[i];
            Assert.InRange(s.Length, 5, 40);
            Assert.All(s, id => Assert.InRange(id, 1, 11));
            int[] markers = Enumerable.Range(0, s.Length).Where(t => s[t] == SequenceClassificationTask.MarkerToken).ToArray();
            Assert.Equal(labels[i], markers.Length);
            if (labels[i] == 1) Assert.InRange(markers[0], s.Length / 2, s.Length - 1);
        }
        Assert.InRange(labels.Average(), 0.45, 0.55);
    }

    [Fact]
    public void The_label_depends_on_tokens_beyond_the_shortest_length()
    {
        var (sequences, labels) = SequenceClassificationTask.Generate(1000, minLength: 5, maxLength: 60, vocabularySize: 8, seed: 5);
        var cut = NotebookRnn.Sequences.Sequences.PadSequences(sequences, maxLen: 5, truncating: Truncating.Post);
        var kept = NotebookRnn.Sequences.Sequences.PadSequences(sequences, maxLen: 5, truncating: Truncating.Pre);
        int lostByPost = Enumerable.Range(0, 1000).Count(i => labels[i] == 1 && !cut.Values.Row(i).Contains(1f));
        int lostByPre = Enumerable.Range(0, 1000).Count(i => labels[i] == 1 && !kept.Values.Row(i).Contains(1f));
        Assert.True(lostByPost > 300, $"Expected post-truncation to cut most markers, it cut {lostByPost}.");
        Assert.True(lostByPre < lostByPost, $"Expected pre-truncation to keep more markers: lost {lostByPre} vs {lostByPost}.");
    }

    [Fact]
    public void Lengths_can_come_from_a_skewed_distribution_and_the_seed_fixes_the_data()
    {
        var lengths = LengthDistribution.LogNormal(Math.Log(15), 0.7, 2, 120);
        var first = SequenceClassificationTask.Generate(300, lengths, vocabularySize: 20, seed: 6);
        var again = SequenceClassificationTask.Generate(300, lengths, vocabularySize: 20, seed: 6);
        Assert.Equal(first.Sequences, again.Sequences);
        Assert.Equal(first.Labels, again.Labels);
        Assert.All(first.Sequences, s => Assert.InRange(s.Length, 2, 120));
    }

    [Fact]
    public void Too_small_vocabularies_and_empty_lengths_are_rejected()
    {
        Assert.Equal("vocabularySize",
            Assert.Throws<ArgumentOutOfRangeException>(() => SequenceClassificationTask.Generate(1, 1, 2, 2, seed: 0)).ParamName);
        Assert.Equal("minLength",
            Assert.Throws<ArgumentOutOfRangeException>(() => SequenceClassificationTask.Generate(1, 0, 2, 5, seed: 0)).ParamName);
    }
}
