namespace NotebookRnn.Devices;

/// <summary>The devices this machine offers, and the devices models train on when <c>Compile</c> is given none.</summary>
public static class Devices
{
    private static readonly AsyncLocal<DeviceSet?> Scoped = new();
    private static readonly DeviceSet One = DeviceSet.FromCount(1);

    /// <summary><c>cpu:0</c> … <c>cpu:N−1</c> for N logical processors.</summary>
    public static IReadOnlyList<Device> Available { get; } = [.. Enumerable.Range(0, Environment.ProcessorCount).Select(Device.Cpu)];

    /// <summary>
    /// The devices a model trains on when <c>Compile</c> is given none: those of the innermost <see cref="Use"/> scope
    /// around the calling code, else one, <c>cpu:0</c>. A notebook's <c>#!rnn-devices --use cpu:0,cpu:1</c> opens such a
    /// scope around each later cell.
    /// </summary>
    public static DeviceSet Default => Scoped.Value ?? One;

    /// <summary>
    /// Makes <paramref name="devices"/> the <see cref="Default"/> of the code that runs until the returned scope is
    /// disposed: <c>using (Devices.Use(2)) { model.Compile(…); }</c>. The scope follows the code's async flow, so tasks
    /// it starts see it and other threads, tests or notebooks in the same process do not; disposing it restores the
    /// devices that were the default before.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="devices"/> is null.</exception>
    public static IDisposable Use(DeviceSet devices)
    {
        ArgumentNullException.ThrowIfNull(devices);
        var scope = new Scope(Scoped.Value);
        Scoped.Value = devices;
        return scope;
    }

    private sealed class Scope(DeviceSet? previous) : IDisposable
    {
        private bool _disposed;

        public void Dispose()
        {
            if (_disposed) return;
            _disposed = true;
            Scoped.Value = previous;
        }
    }
}
