using System.Runtime.InteropServices;

namespace NotebookRnn.Distributed;

/// <summary>
/// The processes that Open MPI's <c>mpirun</c> started for one job (MPI's <c>MPI_COMM_WORLD</c>): each runs the same
/// program, and a model compiled with <c>Compile(…, world: MpiWorld.Join(), shards: K)</c> trains data-parallel across
/// them. Launch as <c>mpirun -np 4 --hostfile hosts dotnet MyTraining.dll</c> on real machines (one process per host or
/// per socket), or <c>mpirun -np 2 --oversubscribe dotnet …</c> on one. Outside <c>mpirun</c> the world is
/// <see cref="Local"/>, one process, and MPI is never loaded, so the same program runs on a laptop unchanged.
/// </summary>
public sealed class MpiWorld
{
    private static readonly object Joining = new();
    private static MpiWorld? _joined;
    private static PosixSignalRegistration? _terminationNotice;
    private static volatile bool _terminated;
    private readonly OpenMpi? _mpi;

    private MpiWorld(int rank, int size, string hostName, OpenMpi? mpi) => (Rank, Size, HostName, _mpi) = (rank, size, hostName, mpi);

    /// <summary>The world of this process alone: rank 0 of 1, no MPI.</summary>
    public static MpiWorld Local { get; } = new(0, 1, Environment.MachineName, null);

    /// <summary>This process's rank, 0 … <see cref="Size"/> − 1.</summary>
    public int Rank { get; }

    /// <summary>The number of processes.</summary>
    public int Size { get; }

    /// <summary>Whether this is rank 0, the process that reports progress and writes checkpoints and logs.</summary>
    public bool IsRoot => Rank == 0;

    /// <summary>The name of this process's host (MPI's processor name).</summary>
    public string HostName { get; }

    /// <summary>Whether this process was started by Open MPI's <c>mpirun</c> (it sets <c>OMPI_COMM_WORLD_SIZE</c>).</summary>
    public static bool LaunchedByMpirun => Environment.GetEnvironmentVariable("OMPI_COMM_WORLD_SIZE") is not null;

    /// <summary>
    /// The world of this job: under Open MPI's <c>mpirun</c>, initialises MPI (once per process; <c>MPI_Finalize</c> runs at
    /// process exit) and returns this process's rank among all of them; otherwise <see cref="Local"/>. Every call returns
    /// the same world.
    /// </summary>
    /// <exception cref="DllNotFoundException">Started by <c>mpirun</c>, but Open MPI's <c>libmpi.so.40</c> is not installed.</exception>
    /// <exception cref="PlatformNotSupportedException">Started by another MPI's launcher (MPICH's or Intel's <c>mpiexec</c>).</exception>
    public static MpiWorld Join()
    {
        lock (Joining)
        {
            if (_joined is not null) return _joined;
            if (!LaunchedByMpirun)
            {
                if (Environment.GetEnvironmentVariable("PMI_RANK") is not null)
                    throw new PlatformNotSupportedException(
                        "This process was started by an MPI launcher other than Open MPI's mpirun (PMI_RANK is set: MPICH or Intel MPI). " +
                        "NotebookRnn calls Open MPI's library; launch with Open MPI's mpirun.");
                return _joined = Local;
            }
            OpenMpi mpi = OpenMpi.Load();
            var (rank, size, host) = mpi.Init();
            _joined = new MpiWorld(rank, size, host, mpi);
            WatchForTermination(_joined);
            return _joined;
        }
    }

    /// <inheritdoc/>
    public override string ToString() => _mpi is null ? "local (one process)" : $"rank {Rank} of {Size} on {HostName}";

    // mpirun ends the other ranks with SIGTERM when one is lost. MPI_Finalize would then wait for the lost rank, so a
    // terminated process skips it and exits non-zero, saying why; mpirun's own message names the lost rank.
    private static void WatchForTermination(MpiWorld world)
    {
        _terminationNotice = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            _terminated = true;
            Console.Error.WriteLine(
                $"NotebookRnn: {world} was ended by mpirun (SIGTERM): the job lost a process, which mpirun's message names.");
            context.Cancel = true;
            Environment.Exit(143);
        });
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            if (!_terminated) world._mpi!.End();
        };
    }

    /// <summary>Every rank's <paramref name="mine"/> (the same length on every rank), in rank order.</summary>
    internal void AllGather(ReadOnlySpan<double> mine, Span<double> all)
    {
        if (_mpi is null) mine.CopyTo(all);
        else _mpi.AllGather(mine, all);
    }

    /// <inheritdoc cref="AllGather(ReadOnlySpan{double}, Span{double})"/>
    internal void AllGather(ReadOnlySpan<float> mine, Span<float> all)
    {
        if (_mpi is null) mine.CopyTo(all);
        else _mpi.AllGather(mine, all);
    }

    /// <summary>Block r of <paramref name="send"/> (each <paramref name="blockLength"/> long) to rank r; block q of <paramref name="receive"/> from rank q.</summary>
    internal void AllToAll(ReadOnlySpan<float> send, Span<float> receive, int blockLength)
    {
        if (_mpi is null) send.CopyTo(receive);
        else _mpi.AllToAll(send, receive, blockLength);
    }

    /// <summary>Rank 0's <paramref name="values"/> into every rank's.</summary>
    internal void Broadcast(Span<float> values)
    {
        _mpi?.Broadcast(values, 0);
    }
}
