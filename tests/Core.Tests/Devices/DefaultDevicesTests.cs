namespace NotebookRnn.Tests.Devices;

[CollectionDefinition(nameof(DefaultDevicesTests), DisableParallelization = true)]
public class ProcessWideDevices;

/// <summary>Changes the process-wide default devices, so it runs apart from every other test.</summary>
[Collection(nameof(DefaultDevicesTests))]
public class DefaultDevicesTests
{
    [Fact]
    public void Compile_without_devices_uses_the_default_devices()
    {
        try
        {
            NotebookRnn.Devices.Default = "cpu:0,cpu:1";
            var model = new Sequential([new Dense(1, inputShape: [2])]);
            model.Compile("sgd", "mse");
            Assert.Equal(["cpu:0", "cpu:1"], model.Devices.Select(d => d.Name));
            History history = model.Fit(new Tensor(8, 2), new Tensor(8, 1), batchSize: 8, verbose: 0);
            Assert.Equal(2, history.Batches[0].Devices.Count);
            model.Compile("sgd", "mse", devices: 1);
            Assert.Single(model.Devices);
        }
        finally
        {
            NotebookRnn.Devices.Default = 1;
        }
    }
}
