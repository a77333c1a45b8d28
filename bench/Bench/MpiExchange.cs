namespace Bench;

/// <summary>
/// The bytes each process of the MPI row sends per batch, measured by Open MPI's pml monitoring. run.sh runs the row twice
/// under <c>mpirun --mca pml_monitoring_enable 2 --mca pml_monitoring_enable_output 3 --mca pml_monitoring_filename
/// DIR/{few,many}</c>, once with a few batches and once with more; at MPI_Finalize each rank r writes DIR/{name}.r.prof.
/// The difference of the two runs divided by the difference of their batches is the traffic of a training step alone:
/// the start (seed check, rank 0's weights broadcast) cancels out.
/// </summary>
/// <param name="BytesPerBatch">Per rank, bytes sent per batch.</param>
/// <param name="FewBatches">The batches of the few run.</param>
/// <param name="ManyBatches">The batches of the many run.</param>
internal sealed record MpiExchange(IReadOnlyList<double> BytesPerBatch, int FewBatches, int ManyBatches)
{
    /// <exception cref="FileNotFoundException">A run's JSON or a rank's .prof file is missing.</exception>
    public static MpiExchange Read(string directory)
    {
        (int few, long[] fewBytes) = Run(directory, "few");
        (int many, long[] manyBytes) = Run(directory, "many");
        if (many <= few) throw new InvalidDataException($"The many run in \"{directory}\" has {many} batches, the few run {few}; expected more.");
        return new MpiExchange([.. manyBytes.Zip(fewBytes, (m, f) => (m - f) / (double)(many - few))], few, many);
    }

    private static (int Batches, long[] SentByRank) Run(string directory, string name)
    {
        MpiRun run = MpiRun.Load(Path.Combine(directory, name + ".json"));
        return (run.Batches, [.. Enumerable.Range(0, run.Processes).Select(r => SentBytes(Path.Combine(directory, $"{name}.{r}.prof")))]);
    }

    // Lines "E|I <from> <to> <bytes> bytes <n> msgs sent ...": point-to-point traffic to one peer, the program's own (E)
    // and that of the collectives (I), which Open MPI's tuned collectives send as point-to-point messages. The "C" lines
    // repeat the I lines per collective, and MPI_COMM_SELF traffic is not there at all.
    private static long SentBytes(string path) => File.ReadLines(path)
        .Where(line => line.StartsWith("E\t", StringComparison.Ordinal) || line.StartsWith("I\t", StringComparison.Ordinal))
        .Sum(line => long.Parse(line.Split('\t')[3].Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture));
}
