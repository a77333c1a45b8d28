using NotebookRnn.Notebook.Magics;
using NotebookRnn.Devices;
using NotebookRnn.Layers;
using NotebookRnn.Models;

namespace NotebookRnn.Notebook.Tests.Magics;

/// <summary>
/// What <c>#!rnn-devices --use</c> does to Core's default devices, which depends on the settings: the kernel runs each
/// cell inside <see cref="NotebookSettings.UseDevices"/>, as these tests do by hand (the kernel tests run the magic in
/// a kernel, whose settings always apply devices).
/// </summary>
public class DevicesMagicTests
{
    private static readonly IVariableLookup NoVariables = VariableLookup.FromDictionary(new Dictionary<string, object?>());

    [Fact]
    public void Use_makes_the_devices_the_default_of_models_compiled_afterwards_when_the_settings_apply_devices()
    {
        var session = new NotebookSettings { AppliesDevices = true, AvailableDevices = () => ["cpu:0", "cpu:1", "cpu:2"] };
        MagicResult result = DevicesMagic.Run(new RnnDevicesCommand { Use = "cpu:2,cpu:0" }, NoVariables, session);
        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(["cpu:2", "cpu:0"], session.Devices!);
        var model = new Sequential([new Dense(1, inputShape: [2])]);
        using (session.UseDevices())
            model.Compile("sgd", "mse");
        Assert.Equal(["cpu:2", "cpu:0"], model.Devices.Select(d => d.Name));
        Assert.Equal(["cpu:0"], NotebookRnn.Devices.Devices.Default.Select(d => d.Name));
    }

    [Fact]
    public void Settings_that_do_not_apply_devices_only_record_them()
    {
        var settings = new NotebookSettings { AvailableDevices = () => ["cpu:0", "cpu:1"] };
        MagicResult result = DevicesMagic.Run(new RnnDevicesCommand { Use = "cpu:1" }, NoVariables, settings);
        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(["cpu:1"], settings.Devices!);
        Assert.Null(settings.UseDevices());
        Assert.Equal(["cpu:0"], NotebookRnn.Devices.Devices.Default.Select(d => d.Name));
        Assert.False(settings.AppliesDevices);
        Assert.True(NotebookSettings.Default.AppliesDevices);
    }

    [Fact]
    public void The_devices_offered_are_those_of_the_settings_catalog()
    {
        var settings = new NotebookSettings { AvailableDevices = () => ["cpu:0", "cpu:1", "cpu:2", "cpu:3"] };
        MagicResult result = DevicesMagic.Run(new RnnDevicesCommand { Use = "cpu:3,cpu:7" }, NoVariables, settings);
        Assert.Equal("#!rnn-devices: cpu:7 does not exist on this machine; available: cpu:0, cpu:1, cpu:2, cpu:3. Usage: #!rnn-devices [--use cpu:0,cpu:1]",
            result.Error);
        Assert.Null(settings.Devices);
    }
}
