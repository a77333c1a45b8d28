using NotebookRnn.Devices;
using NotebookRnn.Layers;
using NotebookRnn.Layers.Functional;
using NotebookRnn.Tensors;
using NotebookRnn.TorchSharp.Running;
using TorchSharp;

namespace NotebookRnn.TorchSharp;

/// <summary>
/// libtorch as a NotebookRnn backend: <c>model.Compile("rmsprop", "categorical_crossentropy", backend: TorchBackend.Instance)</c>
/// runs the same layers forward and backward on libtorch (through TorchSharp), on <c>cpu:0</c> (libtorch's CPU device,
/// with its own threads) or on GPUs, <c>devices: ["cuda:0", "cuda:1"]</c>. Losses, metrics, the split of a batch across
/// devices, the fixed-order gradient reduction, the optimizer (Keras's rules), <c>History</c> and callbacks stay
/// NotebookRnn's, so a model trains to the same numbers on both backends, up to float rounding.
/// </summary>
/// <remarks>
/// The weights stay the model's <see cref="Parameter"/>s, in Keras's layouts: each forward pass copies them to the
/// device, mapped to libtorch's layouts where a libtorch module computes (LSTM gates i,f,g,o; GRU r,z,n), and each
/// backward pass adds libtorch's gradients back. So saving, loading, <c>GetWeights</c> and continuing on the other
/// backend need nothing. The libtorch runtime is the user's choice: the package <c>TorchSharp-cpu</c>, or
/// <c>TorchSharp-cuda-linux</c> / <c>TorchSharp-cuda-windows</c> for CUDA.
/// </remarks>
public sealed class TorchBackend : Backend
{
    private TorchBackend()
    {
    }

    /// <summary>The libtorch backend.</summary>
    public static TorchBackend Instance { get; } = new();

    /// <inheritdoc/>
    public override string Name => "libtorch";

    /// <summary><c>cpu:0</c>, then <c>cuda:0</c> … <c>cuda:N−1</c> when libtorch reports CUDA devices.</summary>
    public override IReadOnlyList<Device> Available =>
        [Device.Cpu(0), .. Enumerable.Range(0, torch.cuda.is_available() ? torch.cuda.device_count() : 0).Select(Device.Cuda)];

    /// <inheritdoc/>
    /// <exception cref="ArgumentException">
    /// A CUDA device that libtorch does not have (no CUDA runtime, or a higher index): the message lists the devices there
    /// are and the package that brings CUDA.</exception>
    internal override void CheckDevices(DeviceSet devices)
    {
        IReadOnlyList<Device> available = Available;
        foreach (Device device in devices)
        {
            if (device.Kind == DeviceKind.Cpu) continue;
            if (!available.Contains(device))
                throw new ArgumentException(
                    $"Device {device} is not available to libtorch here; the devices are {string.Join(", ", available.Select(d => d.Name))}. " +
                    (torch.cuda.is_available()
                        ? "Ask for one of those."
                        : "libtorch reports no CUDA: the libtorch runtime loaded is a CPU build. For GPUs, reference TorchSharp-cuda-linux " +
                          "(or TorchSharp-cuda-windows) instead of TorchSharp-cpu, on a machine with an NVIDIA driver."), nameof(devices));
        }
    }

    /// <inheritdoc/>
    /// <exception cref="NotSupportedException">A layer of the program has no libtorch form; the message names it.</exception>
    internal override IGraphRunner CreateRunner(Device device, GraphProgram program, Func<Layer, Layer> instanceOf, RandomGenerator random) =>
        new TorchGraphRunner(TorchDevice(device), program, instanceOf, random);

    // Several cpu:N devices are threads of one process here too; each runs libtorch's CPU device.
    private static torch.Device TorchDevice(Device device) =>
        device.Kind == DeviceKind.Cuda ? new torch.Device(DeviceType.CUDA, device.Index) : torch.CPU;
}
