using NotebookRnn.Notebook.Devices;
using NotebookRnn.Devices;

namespace NotebookRnn.Notebook;

/// <summary>
/// The extension's state in one notebook session: the devices requested with <c>#!rnn-devices --use</c>, whether
/// <c>#!rnn-live</c> is on, and how views render. Each loaded <see cref="NotebookRnnKernelExtension"/> has its own;
/// <see cref="Default"/> holds the render options formatters use.
/// </summary>
public sealed class NotebookSettings
{
    /// <summary>Process-wide defaults: the render options of values formatted outside a magic.</summary>
    public static NotebookSettings Default { get; } = new() { AppliesDevices = true };

    /// <summary>
    /// Whether the devices requested with <c>#!rnn-devices --use</c> become Core's <see cref="NotebookRnn.Devices.Devices.Default"/>
    /// in the cells that follow (<see cref="UseDevices"/>), so models compiled there without <c>devices:</c> train on them.
    /// On for a loaded extension's settings and the session's <see cref="Default"/>; off for fresh instances, which only
    /// record the request.
    /// </summary>
    public bool AppliesDevices { get; init; }

    /// <summary>Devices requested for training (normalised names such as <c>cpu:1</c>), or null when none were requested.</summary>
    public IReadOnlyList<string>? Devices { get; set; }

    /// <summary>Whether training shows the live view (<c>#!rnn-live on</c>); default off.</summary>
    public bool LiveTraining { get; set; }

    /// <summary>How views render; default <see cref="RenderOptions.Default"/>.</summary>
    public RenderOptions Render { get; set; } = RenderOptions.Default;

    /// <summary>
    /// A <see cref="NotebookRnn.Devices.Devices.Use"/> scope of the requested devices when these settings apply devices and some
    /// were requested, else <c>null</c>. The kernel opens one around each cell's code, so the request holds for this
    /// notebook's cells only, not for other notebooks or code in the same process.
    /// </summary>
    internal IDisposable? UseDevices() =>
        AppliesDevices && Devices is { } requested ? NotebookRnn.Devices.Devices.Use([.. requested.Select(Device.Parse)]) : null;

    /// <summary>The devices this machine offers; replaceable in tests.</summary>
    internal Func<IReadOnlyList<string>> AvailableDevices { get; set; } = DeviceCatalog.Available;
}
