using NotebookRnn.Data;
using NotebookRnn.Devices;
using NotebookRnn.Tensors;

namespace NotebookRnn.Tests.Devices;

public class TokenSplitTests
{
    [Fact]
    public void Splitting_by_tokens_balances_random_length_batches()
    {
        var random = new RandomGenerator(3);
        for (int trial = 0; trial < 200; trial++)
        {
            int[][] sequences = [.. Enumerable.Range(0, 64).Select(_ => new int[random.NextInt(5, 200)])];
            var source = RaggedSource(sequences);
            ArraySegment<int>[] shards = new TokenSplit(2).Split(source, new ArraySegment<int>([.. Enumerable.Range(0, 64)]));
            long[] tokens = [.. shards.Select(s => s.Sum(i => (long)sequences[i].Length))];
            Assert.Equal(64, shards.Sum(s => s.Count));
            Assert.Equal(Enumerable.Range(0, 64), shards.SelectMany(s => s).Order());
            double mean = tokens.Average();
            Assert.True(tokens.Max() <= 1.1 * mean, $"trial {trial}: shards have {string.Join(" and ", tokens)} tokens");
        }
    }

    private static DataSource RaggedSource(int[][] sequences) => RaggedDataSource.FromTokens(sequences, "x");
}
