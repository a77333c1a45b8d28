namespace NotebookRnn.Devices;

/// <summary>What a <see cref="Device"/> computes on.</summary>
public enum DeviceKind
{
    /// <summary>A CPU: for the managed backend a worker thread, for libtorch its CPU device.</summary>
    Cpu,

    /// <summary>A CUDA GPU, through the libtorch backend (package <c>NotebookRnn.TorchSharp</c>).</summary>
    Cuda,
}
