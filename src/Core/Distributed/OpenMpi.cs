using System.Runtime.InteropServices;
using System.Text;

namespace NotebookRnn.Distributed;

/// <summary>
/// The native boundary to Open MPI's C API (<c>libmpi.so.40</c>, Open MPI 3 to 5), loaded on first use only: a program
/// that never joins a world of several processes never loads it. Open MPI's handles (<c>MPI_COMM_WORLD</c>,
/// <c>MPI_FLOAT</c>, …) are the addresses of exported objects (<c>ompi_mpi_comm_world</c>, …), which is why this binding
/// is Open MPI's own: MPICH and MS-MPI compile their handles in as integers.
/// </summary>
internal sealed unsafe class OpenMpi
{
    /// <summary>MPI_THREAD_SERIALIZED: any thread may call MPI, one at a time (a notebook may run Fit on another thread each time).</summary>
    private const int ThreadSerialized = 2;
    private const int MaxProcessorName = 256;

    private readonly delegate* unmanaged<int*, byte***, int, int*, int> _initThread;
    private readonly delegate* unmanaged<int*, int> _initialized, _finalized;
    private readonly delegate* unmanaged<int> _finalize;
    private readonly delegate* unmanaged<nint, int*, int> _commRank, _commSize;
    private readonly delegate* unmanaged<byte*, int*, int> _processorName;
    private readonly delegate* unmanaged<void*, int, nint, void*, int, nint, nint, int> _allgather, _alltoall;
    private readonly delegate* unmanaged<void*, int, nint, int, nint, int> _bcast;
    private readonly delegate* unmanaged<nint, int, int> _abort;
    private readonly nint _world, _float, _double;

    private OpenMpi(nint library)
    {
        _initThread = (delegate* unmanaged<int*, byte***, int, int*, int>)NativeLibrary.GetExport(library, "MPI_Init_thread");
        _initialized = (delegate* unmanaged<int*, int>)NativeLibrary.GetExport(library, "MPI_Initialized");
        _finalized = (delegate* unmanaged<int*, int>)NativeLibrary.GetExport(library, "MPI_Finalized");
        _finalize = (delegate* unmanaged<int>)NativeLibrary.GetExport(library, "MPI_Finalize");
        _commRank = (delegate* unmanaged<nint, int*, int>)NativeLibrary.GetExport(library, "MPI_Comm_rank");
        _commSize = (delegate* unmanaged<nint, int*, int>)NativeLibrary.GetExport(library, "MPI_Comm_size");
        _processorName = (delegate* unmanaged<byte*, int*, int>)NativeLibrary.GetExport(library, "MPI_Get_processor_name");
        _allgather = (delegate* unmanaged<void*, int, nint, void*, int, nint, nint, int>)NativeLibrary.GetExport(library, "MPI_Allgather");
        _alltoall = (delegate* unmanaged<void*, int, nint, void*, int, nint, nint, int>)NativeLibrary.GetExport(library, "MPI_Alltoall");
        _bcast = (delegate* unmanaged<void*, int, nint, int, nint, int>)NativeLibrary.GetExport(library, "MPI_Bcast");
        _abort = (delegate* unmanaged<nint, int, int>)NativeLibrary.GetExport(library, "MPI_Abort");
        _world = NativeLibrary.GetExport(library, "ompi_mpi_comm_world");
        _float = NativeLibrary.GetExport(library, "ompi_mpi_float");
        _double = NativeLibrary.GetExport(library, "ompi_mpi_double");
    }

    /// <summary>Loads Open MPI's library.</summary>
    /// <exception cref="DllNotFoundException">It is not installed; the message says how to install it.</exception>
    public static OpenMpi Load()
    {
        if (NativeLibrary.TryLoad("libmpi.so.40", out nint library)) return new OpenMpi(library);
        throw new DllNotFoundException(
            "This process was started by Open MPI's mpirun, but Open MPI's library libmpi.so.40 could not be loaded. " +
            "Install Open MPI 4 on every host (Debian/Ubuntu: apt-get install openmpi-bin) or add its lib folder to LD_LIBRARY_PATH.");
    }

    /// <summary>MPI_Init_thread (once per process), then this process's rank, the world's size and the host's name.</summary>
    public (int Rank, int Size, string Host) Init()
    {
        int flag;
        Check(_initialized(&flag), "MPI_Initialized");
        if (flag == 0)
        {
            int provided;
            Check(_initThread(null, null, ThreadSerialized, &provided), "MPI_Init_thread");
        }
        int rank, size, length;
        Check(_commRank(_world, &rank), "MPI_Comm_rank");
        Check(_commSize(_world, &size), "MPI_Comm_size");
        byte* name = stackalloc byte[MaxProcessorName + 1];
        Check(_processorName(name, &length), "MPI_Get_processor_name");
        return (rank, size, Encoding.UTF8.GetString(name, length));
    }

    /// <summary>MPI_Finalize, unless MPI is finalized already.</summary>
    public void End()
    {
        int done;
        Check(_finalized(&done), "MPI_Finalized");
        if (done == 0) Check(_finalize(), "MPI_Finalize");
    }

    /// <summary>MPI_Allgather on MPI_COMM_WORLD: every rank's <paramref name="mine"/>, in rank order, into <paramref name="all"/>.</summary>
    public void AllGather(ReadOnlySpan<double> mine, Span<double> all)
    {
        fixed (double* send = mine) fixed (double* receive = all)
            Check(_allgather(send, mine.Length, _double, receive, mine.Length, _double, _world), "MPI_Allgather");
    }

    /// <inheritdoc cref="AllGather(ReadOnlySpan{double}, Span{double})"/>
    public void AllGather(ReadOnlySpan<float> mine, Span<float> all)
    {
        fixed (float* send = mine) fixed (float* receive = all)
            Check(_allgather(send, mine.Length, _float, receive, mine.Length, _float, _world), "MPI_Allgather");
    }

    /// <summary>MPI_Alltoall on MPI_COMM_WORLD: block r of <paramref name="send"/> goes to rank r; block q of <paramref name="receive"/> comes from rank q.</summary>
    public void AllToAll(ReadOnlySpan<float> send, Span<float> receive, int blockLength)
    {
        fixed (float* s = send) fixed (float* r = receive)
            Check(_alltoall(s, blockLength, _float, r, blockLength, _float, _world), "MPI_Alltoall");
    }

    /// <summary>MPI_Bcast on MPI_COMM_WORLD: <paramref name="root"/>'s values into every rank's.</summary>
    public void Broadcast(Span<float> values, int root)
    {
        fixed (float* buffer = values) Check(_bcast(buffer, values.Length, _float, root, _world), "MPI_Bcast");
    }

    /// <summary>MPI_Abort: ends every process of the job with <paramref name="code"/>.</summary>
    public void Abort(int code) => _abort(_world, code);

    // Open MPI's default error handler ends the job before a call returns an error; one that returns is still an error.
    private static void Check(int code, string call)
    {
        if (code != 0) throw new InvalidOperationException($"{call} failed with MPI error code {code}.");
    }
}
