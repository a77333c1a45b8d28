using System.Globalization;
using System.Text.RegularExpressions;

namespace NotebookRnn.Devices;

/// <summary>
/// A training device: <c>cpu:0</c>, <c>cpu:1</c>, … — each a worker thread with its own model replica — or a GPU,
/// <c>cuda:0</c>, … (through the libtorch backend). Parses our form (<c>"cpu:1"</c>, <c>"cuda:0"</c>), keras-mxnet's
/// (<c>"cpu(1)"</c>, <c>"gpu(0)"</c>) and PyTorch's (<c>"cuda"</c>); the backend given to <c>Compile</c> checks that it
/// has the device.
/// </summary>
public sealed partial class Device : IEquatable<Device>
{
    private Device(DeviceKind kind, int index)
    {
        Kind = kind;
        Index = index;
    }

    /// <summary>The kind of device.</summary>
    public DeviceKind Kind { get; }

    /// <summary>Index among devices of its kind.</summary>
    public int Index { get; }

    /// <summary>The name, e.g. <c>cpu:0</c>.</summary>
    public string Name => $"{(Kind == DeviceKind.Cpu ? "cpu" : "cuda")}:{Index.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>The logical processor the device's thread prefers (its index modulo the processor count).</summary>
    public int LogicalProcessor => Index % Environment.ProcessorCount;

    /// <summary>CPU device <paramref name="index"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is negative.</exception>
    public static Device Cpu(int index) => index >= 0
        ? new Device(DeviceKind.Cpu, index)
        : throw new ArgumentOutOfRangeException(nameof(index), index, "Expected a device index ≥ 0.");

    /// <summary>CUDA GPU <paramref name="index"/> (libtorch backend).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is negative.</exception>
    public static Device Cuda(int index) => index >= 0
        ? new Device(DeviceKind.Cuda, index)
        : throw new ArgumentOutOfRangeException(nameof(index), index, "Expected a device index ≥ 0.");

    /// <summary>Parses <c>cpu</c>, <c>cpu:N</c>, <c>cuda</c>, <c>cuda:N</c>, or keras-mxnet's <c>cpu(N)</c> and <c>gpu(N)</c>.</summary>
    /// <exception cref="ArgumentException">The text is not a device, or names a kind no backend offers (<c>mps</c>, <c>tpu</c>).</exception>
    public static Device Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        Match match = DevicePattern().Match(text.Trim());
        string available = string.Join(", ", Devices.Available.Select(d => d.Name));
        if (!match.Success)
            throw new ArgumentException(
                $"Device \"{text}\" not understood; expected cpu:N, cuda:N, or keras-mxnet's cpu(N) or gpu(N). CPU devices: {available}.", nameof(text));
        string kind = match.Groups["kind"].Value.ToLowerInvariant();
        int index = match.Groups["index"].Success ? int.Parse(match.Groups["index"].Value, CultureInfo.InvariantCulture) : 0;
        return kind switch
        {
            "cpu" => Cpu(index),
            "gpu" or "cuda" => Cuda(index),
            _ => throw new ArgumentException(
                $"Device \"{text}\" asks for {kind}, which no NotebookRnn backend offers; CPU devices are {available}, and CUDA GPUs " +
                "(cuda:N) come through the libtorch backend.", nameof(text)),
        };
    }

    /// <summary>Same as <see cref="Parse"/>.</summary>
    public static implicit operator Device(string text) => Parse(text);

    /// <inheritdoc/>
    public bool Equals(Device? other) => other is not null && other.Kind == Kind && other.Index == Index;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as Device);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Kind, Index);

    /// <inheritdoc/>
    public override string ToString() => Name;

    [GeneratedRegex(@"^(?<kind>cpu|gpu|cuda|mps|tpu)(?:\s*[:(]\s*(?<index>\d+)\s*\)?)?$", RegexOptions.IgnoreCase)]
    private static partial Regex DevicePattern();
}
