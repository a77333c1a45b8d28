namespace NotebookRnn.Tests.Devices;

public class DeviceTests
{
    [Theory]
    [InlineData("cpu:0", 0)]
    [InlineData("cpu:1", 1)]
    [InlineData("cpu(1)", 1)]
    [InlineData(" CPU(3) ", 3)]
    [InlineData("cpu", 0)]
    public void Our_and_keras_mxnet_names_parse(string text, int index)
    {
        Device device = text;
        Assert.Equal(DeviceKind.Cpu, device.Kind);
        Assert.Equal(index, device.Index);
        Assert.Equal($"cpu:{index}", device.Name);
    }

    [Theory]
    [InlineData("gpu(0)")]
    [InlineData("cuda:0")]
    [InlineData("gpu:1")]
    public void Asking_for_a_gpu_says_there_is_no_gpu_backend_and_lists_the_devices(string text)
    {
        var error = Assert.Throws<ArgumentException>(() => Device.Parse(text));
        Assert.Contains("no GPU backend exists in this build", error.Message);
        Assert.Contains("cpu:0", error.Message);
    }

    [Fact]
    public void Available_devices_are_one_per_logical_processor()
    {
        Assert.Equal(Environment.ProcessorCount, NotebookRnn.Devices.Available.Count);
        Assert.Equal("cpu:0", NotebookRnn.Devices.Available[0].Name);
    }

    [Fact]
    public void Device_sets_come_from_counts_names_and_lists()
    {
        DeviceSet fromCount = 2, fromText = "cpu:0, cpu(1)", fromList = ["cpu:1", "cpu:0"];
        Assert.Equal(["cpu:0", "cpu:1"], fromCount.Select(d => d.Name));
        Assert.Equal(["cpu:0", "cpu:1"], fromText.Select(d => d.Name));
        Assert.Equal(["cpu:1", "cpu:0"], fromList.Select(d => d.Name));
        Assert.Throws<ArgumentException>(() => (DeviceSet)"cpu:0,cpu:0");
        Assert.Throws<ArgumentOutOfRangeException>(() => (DeviceSet)0);
    }

    [Fact]
    public void Splitting_by_tokens_balances_random_length_batches()
    {
        var random = new RandomGenerator(3);
        for (int trial = 0; trial < 200; trial++)
        {
            int[][] sequences = [.. Enumerable.Range(0, 64).Select(_ => new int[random.NextInt(5, 200)])];
            var source = RaggedSource(sequences);
            ArraySegment<int>[] shards = TokenSplit.Split(source, new ArraySegment<int>([.. Enumerable.Range(0, 64)]), 2);
            long[] tokens = [.. shards.Select(s => s.Sum(i => (long)sequences[i].Length))];
            Assert.Equal(64, shards.Sum(s => s.Count));
            Assert.Equal(Enumerable.Range(0, 64), shards.SelectMany(s => s).Order());
            double mean = tokens.Average();
            Assert.True(tokens.Max() <= 1.1 * mean, $"trial {trial}: shards have {string.Join(" and ", tokens)} tokens");
        }
    }

    private static DataSource RaggedSource(int[][] sequences) => RaggedDataSource.FromTokens(sequences, "x");
}
