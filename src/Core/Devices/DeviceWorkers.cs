using System.Diagnostics;

namespace NotebookRnn.Devices;

/// <summary>
/// One worker thread per device beyond the first (device 0 runs on the calling thread). <see cref="Run"/> hands each
/// device its work, waits at a barrier for all of them, and reports each device's compute time and the time it then
/// sat idle waiting for the slowest.
/// </summary>
internal sealed class DeviceWorkers : IDisposable
{
    private readonly Thread[] _threads;
    private readonly SemaphoreSlim[] _start;
    private readonly CountdownEvent _done;
    private readonly long[] _finishTicks;
    private readonly TimeSpan[] _compute;
    private readonly Exception?[] _errors;
    private Action<int>? _work;
    private bool _disposed;

    public DeviceWorkers(int devices)
    {
        Count = devices;
        _threads = new Thread[devices];
        _start = new SemaphoreSlim[devices];
        _finishTicks = new long[devices];
        _compute = new TimeSpan[devices];
        _errors = new Exception?[devices];
        _done = new CountdownEvent(1);
        for (int d = 1; d < devices; d++)
        {
            int device = d;
            _start[d] = new SemaphoreSlim(0);
            _threads[d] = new Thread(() => Loop(device)) { IsBackground = true, Name = $"NotebookRnn cpu:{d}" };
            _threads[d].Start();
        }
    }

    public int Count { get; }

    /// <summary>Runs <paramref name="work"/>(d) for every device d in parallel and waits for all.</summary>
    /// <exception cref="AggregateException">A device's work threw; the first device's exception is rethrown as is.</exception>
    public void Run(Action<int> work, Span<TimeSpan> compute, Span<TimeSpan> wait)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _work = work;
        Array.Clear(_errors);
        _done.Reset(Count - 1);
        for (int d = 1; d < Count; d++) _start[d].Release();
        Execute(0);
        if (Count > 1) _done.Wait();
        long barrier = Stopwatch.GetTimestamp();
        for (int d = 0; d < Count; d++)
        {
            compute[d] = _compute[d];
            wait[d] = Stopwatch.GetElapsedTime(_finishTicks[d], barrier);
        }
        _work = null;
        Exception? error = _errors.FirstOrDefault(e => e is not null);
        if (error is not null) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(error).Throw();
    }

    private void Execute(int device)
    {
        long start = Stopwatch.GetTimestamp();
        try
        {
            _work!(device);
        }
        catch (Exception error)
        {
            _errors[device] = error;
        }
        _finishTicks[device] = Stopwatch.GetTimestamp();
        _compute[device] = Stopwatch.GetElapsedTime(start, _finishTicks[device]);
    }

    private void Loop(int device)
    {
        while (true)
        {
            _start[device].Wait();
            if (_disposed) return;
            Execute(device);
            _done.Signal();
        }
    }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        for (int d = 1; d < Count; d++) _start[d].Release();
        for (int d = 1; d < Count; d++) _threads[d].Join();
        foreach (SemaphoreSlim semaphore in _start.Skip(1)) semaphore.Dispose();
        _done.Dispose();
    }
}
