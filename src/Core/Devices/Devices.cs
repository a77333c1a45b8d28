namespace NotebookRnn;

/// <summary>The devices this machine offers: one CPU device per logical processor.</summary>
public static class Devices
{
    /// <summary><c>cpu:0</c> … <c>cpu:N−1</c> for N logical processors.</summary>
    public static IReadOnlyList<Device> Available { get; } = [.. Enumerable.Range(0, Environment.ProcessorCount).Select(Device.Cpu)];
}
