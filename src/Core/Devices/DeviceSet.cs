using System.Collections;
using System.Runtime.CompilerServices;

namespace NotebookRnn.Devices;

/// <summary>
/// The devices a model trains on, as given to <c>Compile(…, devices: …)</c>: a count (<c>2</c> = cpu:0 and cpu:1),
/// a list (<c>["cpu:0", "cpu:1"]</c>, keras-mxnet's <c>["cpu(0)", "cpu(1)"]</c>, or <see cref="Device"/>s), or a
/// comma-separated string (<c>"cpu:0,cpu:1"</c>).
/// </summary>
[CollectionBuilder(typeof(DeviceSet), nameof(Create))]
public sealed class DeviceSet : IReadOnlyList<Device>
{
    private readonly Device[] _devices;

    private DeviceSet(Device[] devices)
    {
        if (devices.Length == 0) throw new ArgumentException("Expected at least one device, got none.", "devices");
        Device? repeated = devices.GroupBy(d => d).FirstOrDefault(g => g.Count() > 1)?.Key;
        if (repeated is not null) throw new ArgumentException($"Device {repeated} is listed twice.", "devices");
        _devices = devices;
    }

    /// <summary>The device at <paramref name="index"/>.</summary>
    public Device this[int index] => _devices[index];

    /// <summary>Number of devices.</summary>
    public int Count => _devices.Length;

    /// <summary>A set of the given devices, in order.</summary>
    /// <exception cref="ArgumentException">Empty, or a device repeats.</exception>
    public static DeviceSet Create(ReadOnlySpan<Device> devices) => new(devices.ToArray());

    /// <summary>cpu:0 … cpu:<paramref name="count"/>−1.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> ≤ 0.</exception>
    public static DeviceSet FromCount(int count) => count > 0
        ? new DeviceSet([.. Enumerable.Range(0, count).Select(Device.Cpu)])
        : throw new ArgumentOutOfRangeException(nameof(count), count, "Expected at least one device.");

    /// <summary>Same as <see cref="FromCount"/>.</summary>
    public static implicit operator DeviceSet(int count) => FromCount(count);

    /// <summary>Parses a comma-separated list such as <c>"cpu:0,cpu:1"</c>.</summary>
    public static implicit operator DeviceSet(string devices) =>
        new([.. devices.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(Device.Parse)]);

    /// <summary>The given devices.</summary>
    public static implicit operator DeviceSet(Device[] devices) => new((Device[])devices.Clone());

    /// <summary>The given device names.</summary>
    public static implicit operator DeviceSet(string[] devices) => new([.. devices.Select(Device.Parse)]);

    /// <inheritdoc/>
    public IEnumerator<Device> GetEnumerator() => ((IEnumerable<Device>)_devices).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <inheritdoc/>
    public override string ToString() => string.Join(", ", _devices.Select(d => d.Name));
}
