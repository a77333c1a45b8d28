using NotebookRnn.Kernels;
using NotebookRnn.Layers;

namespace NotebookRnn.Distributed;

/// <summary>
/// What the processes of a world exchange so that each training step gives the same bits on every process and for any
/// process count: a batch is cut into K shards (K fixed by the model's compile, independent of the process count P);
/// process r computes shards r·K/P … (r+1)·K/P − 1; the gradients are summed over the shards in shard order — exactly
/// the sum one process with K devices makes — and every process applies the same update.
/// </summary>
/// <remarks>
/// The gradient sum is a reduce-scatter written out: the N gradient values are cut into P slices of L = ⌈N/P⌉;
/// MPI_Alltoall hands every process each shard's values of its own slice (K·L floats in), the process sums its slice
/// over the shards in shard order, and MPI_Allgather hands every process all the slices (P·L floats in). Per process and
/// step that is (K/P)·(P−1)·L + (P−1)·L floats out, about 2·N floats when K = P. MPI_Allreduce would move as much but
/// sums in an order Open MPI picks by message size and process count, which changes the bits with P.
/// </remarks>
internal sealed class ShardExchange
{
    private readonly MpiWorld _world;
    private readonly int _localShards, _sliceLength, _parameterCount;
    private readonly float[] _send, _receive, _slice, _gathered;
    private double[] _mine = [], _all = [];

    /// <summary>An exchange for <paramref name="shards"/> shards of <paramref name="parameterCount"/> gradient values.</summary>
    public ShardExchange(MpiWorld world, int shards, int parameterCount)
    {
        _world = world;
        Shards = shards;
        _localShards = shards / world.Size;
        FirstShard = world.Rank * _localShards;
        _parameterCount = parameterCount;
        _sliceLength = (parameterCount + world.Size - 1) / world.Size;
        _send = new float[world.Size * _localShards * _sliceLength];
        _receive = new float[shards * _sliceLength];
        _slice = new float[_sliceLength];
        _gathered = new float[world.Size * _sliceLength];
    }

    /// <summary>K, the shards of every batch.</summary>
    public int Shards { get; }

    /// <summary>The first shard this process computes; it computes K/P of them.</summary>
    public int FirstShard { get; }

    /// <summary>
    /// Checks that every process trains the same thing, then gives every process rank 0's weights (a model that loaded
    /// weights on rank 0 only trains from those).
    /// </summary>
    /// <exception cref="InvalidOperationException">The processes have other seeds, shard counts or weight counts; the message names the first rank that differs.</exception>
    public void Begin(long seed, IReadOnlyList<Parameter> weights)
    {
        double[] all = Gather([BitConverter.Int64BitsToDouble(seed), Shards, _parameterCount]);
        long rootSeed = BitConverter.DoubleToInt64Bits(all[0]);
        for (int rank = 1; rank < _world.Size; rank++)
        {
            long other = BitConverter.DoubleToInt64Bits(all[3 * rank]);
            if (other != rootSeed)
                throw new InvalidOperationException(
                    $"The model has seed {rootSeed} on rank 0 and {other} on rank {rank}: every process must build the model " +
                    "with the same seed (e.g. new Sequential(seed: 42)) so that they shuffle and draw dropout alike.");
            if (all[3 * rank + 1] != all[1] || all[3 * rank + 2] != all[2])
                throw new InvalidOperationException(
                    $"The model trains {all[1]} shards of {all[2]} weights on rank 0 but {all[3 * rank + 1]} shards of {all[3 * rank + 2]} " +
                    $"weights on rank {rank}: every process must build and compile the same model.");
        }
        float[] values = new float[_parameterCount];
        FlatParameters.CopyValues(weights, values);
        _world.Broadcast(values);
        FlatParameters.SetValues(values, weights);
    }

    /// <summary>
    /// Fills a table of one row of <paramref name="width"/> values per shard: this process wrote the rows of its own shards,
    /// and receives every other process's rows.
    /// </summary>
    public void Share(double[] table, int width)
    {
        int local = _localShards * width;
        if (_mine.Length != local) (_mine, _all) = (new double[local], new double[Shards * width]);
        table.AsSpan(FirstShard * width, local).CopyTo(_mine);
        _world.AllGather(_mine, _all);
        _all.CopyTo(table, 0);
    }

    /// <summary>Whether any process asks to stop: every process stops at the same batch.</summary>
    public bool AnyStops(bool stop) => Gather([stop ? 1 : 0]).Any(v => v != 0);

    /// <summary>
    /// g = Σ_s g_s over the shards s that had samples, in shard order, into <paramref name="into"/>'s gradients on every
    /// process: the same additions, in the same order, as <c>GradientReduction</c> makes over K devices in one process.
    /// </summary>
    /// <param name="local">This process's shards' parameters (its devices'), in shard order, each in <paramref name="into"/>'s order.</param>
    /// <param name="hasSamples">Per shard, whether it had samples (one without has stale gradients).</param>
    /// <param name="into">The model's weights, whose gradients receive the sum.</param>
    public void ReduceGradients(Parameter[][] local, ReadOnlySpan<bool> hasSamples, IReadOnlyList<Parameter> into)
    {
        int processes = _world.Size, length = _sliceLength;
        for (int rank = 0; rank < processes; rank++)
            for (int j = 0; j < _localShards; j++)
            {
                Span<float> block = _send.AsSpan((rank * _localShards + j) * length, length);
                int start = rank * length, count = Math.Clamp(_parameterCount - start, 0, length);
                FlatParameters.CopyGradients(local[j], start, block[..count]);
                block[count..].Clear();
            }
        _world.AllToAll(_send, _receive, _localShards * length);
        // Row s of _receive is shard s's values of this process's slice (ranks in order, each with its shards in order).
        Span<float> sum = _slice;
        if (hasSamples[0]) _receive.AsSpan(0, length).CopyTo(sum);
        else sum.Clear();
        for (int s = 1; s < Shards; s++)
            if (hasSamples[s]) ElementwiseKernels.MultiplyAdd(_receive.AsSpan(s * length, length), 1f, sum, sum);
        _world.AllGather(_slice, _gathered);
        FlatParameters.SetGradients(_gathered.AsSpan(0, _parameterCount), into);
    }

    private double[] Gather(double[] mine)
    {
        var all = new double[mine.Length * _world.Size];
        _world.AllGather(mine, all);
        return all;
    }
}
