using NotebookRnn.Devices;
using NotebookRnn.Distributed;
using NotebookRnn.Layers;
using NotebookRnn.Tensors;

namespace NotebookRnn.Tests.Distributed;

/// <summary>
/// The exchange's shard-order sum in a world of one process: the same bits as the in-process reduction over as many
/// devices. Worlds of several processes are tested under mpirun (tests/Distributed.Tests).
/// </summary>
public class ShardExchangeTests
{
    // Three parameters of odd sizes, so slices and parameters do not line up.
    private static Parameter[] Parameters(int seed)
    {
        var random = new Random(seed);
        Parameter Make(string name, int length)
        {
            var parameter = new Parameter(name, new Tensor(length));
            for (int i = 0; i < length; i++) parameter.Gradient.Span[i] = (float)(random.NextDouble() * 2 - 1) * MathF.Pow(10, random.Next(-6, 3));
            return parameter;
        }
        return [Make("a", 7), Make("b", 130), Make("c", 1)];
    }

    [Theory]
    [InlineData(new[] { true, true, true, true })]
    [InlineData(new[] { false, true, true, true })]
    [InlineData(new[] { true, false, true, false })]
    public void The_shard_order_sum_has_the_bits_of_the_in_process_reduction(bool[] hasSamples)
    {
        Parameter[][] shards = [.. Enumerable.Range(0, hasSamples.Length).Select(Parameters)];
        Parameter[] model = Parameters(99);
        var exchange = new ShardExchange(MpiWorld.Local, hasSamples.Length, FlatParameters.Count(model));

        exchange.ReduceGradients(shards, hasSamples, model);
        GradientReduction.Reduce(shards, hasSamples);

        for (int p = 0; p < model.Length; p++)
            for (int i = 0; i < model[p].Gradient.Length; i++)
            {
                float expected = shards[0][p].Gradient.Span[i]; // device 0's gradient holds the in-process sum
                Assert.Equal(BitConverter.SingleToInt32Bits(expected), BitConverter.SingleToInt32Bits(model[p].Gradient.Span[i]));
            }
    }

    [Fact]
    public void A_world_of_one_computes_every_shard()
    {
        var exchange = new ShardExchange(MpiWorld.Local, 2, 1000);
        Assert.Equal((0, 2), (exchange.FirstShard, exchange.Shards));
    }
}
