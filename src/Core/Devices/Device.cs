using System.Globalization;
using System.Text.RegularExpressions;

namespace NotebookRnn.Devices;

/// <summary>
/// A training device: <c>cpu:0</c>, <c>cpu:1</c>, … — each a worker thread with its own model replica. Parses our
/// form (<c>"cpu:1"</c>) and keras-mxnet's (<c>"cpu(1)"</c>); asking for a GPU fails clearly, since this build has no
/// GPU backend.
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
    public string Name => $"cpu:{Index.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>The logical processor the device's thread prefers (its index modulo the processor count).</summary>
    public int LogicalProcessor => Index % Environment.ProcessorCount;

    /// <summary>CPU device <paramref name="index"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is negative.</exception>
    public static Device Cpu(int index) => index >= 0
        ? new Device(DeviceKind.Cpu, index)
        : throw new ArgumentOutOfRangeException(nameof(index), index, "Expected a device index ≥ 0.");

    /// <summary>Parses <c>cpu</c>, <c>cpu:N</c> or keras-mxnet's <c>cpu(N)</c>.</summary>
    /// <exception cref="ArgumentException">
    /// A GPU was asked for (<c>gpu(0)</c>, <c>cuda:0</c>, …): no GPU backend exists in this build; or the text is not a device.
    /// </exception>
    public static Device Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        Match match = DevicePattern().Match(text.Trim());
        string available = string.Join(", ", Devices.Available.Select(d => d.Name));
        if (!match.Success)
            throw new ArgumentException(
                $"Device \"{text}\" not understood; expected cpu:N or cpu(N). Available devices: {available}.", nameof(text));
        string kind = match.Groups["kind"].Value.ToLowerInvariant();
        if (kind != "cpu")
            throw new ArgumentException(
                $"Device \"{text}\" asks for a GPU, but no GPU backend exists in this build (NotebookRnn trains on CPU devices). " +
                $"Available devices: {available}.", nameof(text));
        return Cpu(match.Groups["index"].Success ? int.Parse(match.Groups["index"].Value, CultureInfo.InvariantCulture) : 0);
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
