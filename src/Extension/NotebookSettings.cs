using NotebookRnn.Notebook.Devices;

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
    /// Whether <c>#!rnn-devices --use</c> also makes the requested devices Core's <see cref="NotebookRnn.Devices.Default"/>,
    /// so models compiled afterwards without <c>devices:</c> train on them. On for the session's <see cref="Default"/>
    /// settings and in the headless runner; off for fresh instances, so tests do not change the process-wide default.
    /// </summary>
    public bool AppliesDevices { get; init; }

    /// <summary>Devices requested for training (normalised names such as <c>cpu:1</c>), or null when none were requested.</summary>
    public IReadOnlyList<string>? Devices { get; set; }

    /// <summary>Whether training shows the live view (<c>#!rnn-live on</c>); default off.</summary>
    public bool LiveTraining { get; set; }

    /// <summary>How views render; default <see cref="RenderOptions.Default"/>.</summary>
    public RenderOptions Render { get; set; } = RenderOptions.Default;

    /// <summary>The devices this machine offers; replaceable in tests.</summary>
    internal Func<IReadOnlyList<string>> AvailableDevices { get; set; } = DeviceCatalog.Available;
}
