using NotebookRnn.Layers;
using NotebookRnn.Layers.Functional;
using NotebookRnn.Tensors;

namespace NotebookRnn.Devices;

/// <summary>
/// What computes a model's layers on its devices: <see cref="Managed"/>, NotebookRnn's own CPU engine (the default), or
/// libtorch through the package <c>NotebookRnn.TorchSharp</c> (<c>TorchBackend.Instance</c>), which adds GPUs. Chosen with
/// <c>Compile(…, backend: …)</c>. Every backend trains under the same <c>Fit</c>, <c>Evaluate</c> and <c>Predict</c>: the
/// batch split across devices, the losses, metrics, gradient reduction, optimizer, <c>History</c> and callbacks are
/// NotebookRnn's; a backend runs the layers forward and backward.
/// </summary>
public abstract class Backend
{
    private protected Backend()
    {
    }

    /// <summary>The managed engine: CPU devices <c>cpu:0</c> … <c>cpu:N−1</c>, each a worker thread.</summary>
    public static Backend Managed { get; } = new ManagedBackend();

    /// <summary>The backend's name, e.g. <c>managed</c> or <c>libtorch</c>.</summary>
    public abstract string Name { get; }

    /// <summary>The devices this backend can use on this machine.</summary>
    public abstract IReadOnlyList<Device> Available { get; }

    /// <summary>Checks that the backend can train on <paramref name="devices"/>.</summary>
    /// <exception cref="ArgumentException">A device is not one the backend has here; the message lists those it has.</exception>
    internal abstract void CheckDevices(DeviceSet devices);

    /// <summary>A runner of <paramref name="program"/> on <paramref name="device"/>, whose layers are <paramref name="instanceOf"/> the program's.</summary>
    /// <param name="device">The device.</param>
    /// <param name="program">The graph.</param>
    /// <param name="instanceOf">The layer the runner runs for each of the program's layers (the layers themselves, or a device's copies).</param>
    /// <param name="random">The device's random stream (dropout).</param>
    internal abstract IGraphRunner CreateRunner(Device device, GraphProgram program, Func<Layer, Layer> instanceOf, RandomGenerator random);

    /// <inheritdoc/>
    public override string ToString() => Name;

    private sealed class ManagedBackend : Backend
    {
        public override string Name => "managed";

        public override IReadOnlyList<Device> Available => Devices.Available;

        internal override void CheckDevices(DeviceSet devices)
        {
            if (devices.FirstOrDefault(d => d.Kind != DeviceKind.Cpu) is Device gpu)
                throw new ArgumentException(
                    $"Device {gpu} is a GPU, and the managed backend runs on CPU devices ({string.Join(", ", Available.Select(d => d.Name))}). " +
                    "GPUs come through the libtorch backend: add the package NotebookRnn.TorchSharp (and a libtorch runtime with CUDA, " +
                    "e.g. TorchSharp-cuda-linux) and compile with backend: TorchBackend.Instance.", nameof(devices));
        }

        internal override IGraphRunner CreateRunner(Device device, GraphProgram program, Func<Layer, Layer> instanceOf, RandomGenerator random) =>
            new GraphRunner(program, instanceOf, random);
    }
}
