namespace NotebookRnn;

/// <summary>The devices this machine offers: one CPU device per logical processor.</summary>
public static class Devices
{
    /// <summary><c>cpu:0</c> … <c>cpu:N−1</c> for N logical processors.</summary>
    public static IReadOnlyList<Device> Available { get; } = [.. Enumerable.Range(0, Environment.ProcessorCount).Select(Device.Cpu)];

    /// <summary>
    /// The devices a model trains on when <c>Compile</c> is given none; default one, <c>cpu:0</c>. A notebook's
    /// <c>#!rnn-devices --use cpu:0,cpu:1</c> sets it for the models compiled after it.
    /// </summary>
    public static DeviceSet Default
    {
        get => Volatile.Read(ref _default);
        set => Volatile.Write(ref _default, value ?? throw new ArgumentNullException(nameof(value)));
    }

    private static DeviceSet _default = DeviceSet.FromCount(1);
}
