using NotebookRnn.Notebook.Devices;
using NotebookRnn.Notebook.Views;
using NotebookRnn.Devices;

namespace NotebookRnn.Notebook.Magics;

/// <summary>
/// <c>#!rnn-devices [--use cpu:0,cpu:1]</c>: lists this machine's devices; <c>--use</c> records the devices requested
/// for training in <see cref="NotebookSettings.Devices"/>. When the settings apply devices, the kernel runs each later
/// cell in a scope of them (<see cref="NotebookSettings.UseDevices"/>), so models compiled there train on them.
/// </summary>
internal static class DevicesMagic
{
    public static MagicInfo Info { get; } = new("#!rnn-devices",
        "#!rnn-devices [--use cpu:0,cpu:1]",
        "Lists the devices training can use; --use requests some of them for training.",
        [new("--use", Implicit: false, Required: false, "comma-separated device names, e.g. cpu:0,cpu:1")]);

    public static MagicResult Run(RnnDevicesCommand command, IVariableLookup variables, NotebookSettings settings) =>
        MagicResult.Of(Info, () =>
        {
            IReadOnlyList<string> available = settings.AvailableDevices();
            if (command.Use is { } list) settings.Devices = Requested(list, available);
            return MagicResult.Show(DevicesView.Render(available, settings.Devices));
        });

    private static IReadOnlyList<string> Requested(string list, IReadOnlyList<string> available)
    {
        var requested = new List<string>();
        foreach (string part in list.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            string device = DeviceCatalog.Normalise(part)
                ?? throw new MagicError($"'{part}' is not a device name; expected cpu:N (or keras-mxnet's cpu(N))");
            if (device.StartsWith("gpu", StringComparison.Ordinal))
                throw new MagicError($"{device} was asked for, but the managed engine trains on CPUs only; available: {string.Join(", ", available)}. " +
                                     "GPUs come through the libtorch backend: #r \"nuget: NotebookRnn.TorchSharp\", then " +
                                     "Compile(…, devices: [\"cuda:0\"], backend: TorchBackend.Instance)");
            if (!available.Contains(device))
                throw new MagicError($"{device} does not exist on this machine; available: {string.Join(", ", available)}");
            if (requested.Contains(device)) throw new MagicError($"{device} is listed twice");
            requested.Add(device);
        }
        return requested.Count > 0 ? requested : throw new MagicError("--use lists no device");
    }
}
