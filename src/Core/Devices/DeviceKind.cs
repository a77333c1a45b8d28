namespace NotebookRnn.Devices;

/// <summary>What a <see cref="Device"/> computes on. This build has CPU devices only.</summary>
public enum DeviceKind
{
    /// <summary>A CPU worker thread.</summary>
    Cpu,
}
