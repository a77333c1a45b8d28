using NotebookRnn.Notebook.Magics;

namespace NotebookRnn.Notebook.Tests.Magics;

[CollectionDefinition(nameof(DevicesDefaultTests), DisableParallelization = true)]
public class ProcessWideDevices;

/// <summary>Changes Core's process-wide default devices, so it runs apart from every other test.</summary>
[Collection(nameof(DevicesDefaultTests))]
public class DevicesDefaultTests
{
    [Fact]
    public void Use_makes_the_devices_the_default_of_models_compiled_afterwards_when_the_settings_apply_devices()
    {
        try
        {
            var session = new NotebookSettings { AppliesDevices = true, AvailableDevices = () => ["cpu:0", "cpu:1"] };
            Assert.True(MagicCommands.Run("#!rnn-devices --use cpu:0,cpu:1", VariableLookup.FromDictionary(new Dictionary<string, object?>()), session).Succeeded);
            var model = new Sequential([new Dense(1, inputShape: [2])]);
            model.Compile("sgd", "mse");
            Assert.Equal(["cpu:0", "cpu:1"], model.Devices.Select(d => d.Name));

            NotebookRnn.Devices.Default = 1;
            MagicCommands.Run("#!rnn-devices --use cpu:1", VariableLookup.FromDictionary(new Dictionary<string, object?>()), new NotebookSettings());
            Assert.Equal(["cpu:0"], NotebookRnn.Devices.Default.Select(d => d.Name));
            Assert.True(NotebookSettings.Default.AppliesDevices);
        }
        finally
        {
            NotebookRnn.Devices.Default = 1;
        }
    }
}
