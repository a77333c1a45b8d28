using NotebookRnn.Devices;
using NotebookRnn.Layers;
using NotebookRnn.Models;
using NotebookRnn.Tensors;
using NotebookRnn.Training;

namespace NotebookRnn.Tests.Devices;

/// <summary>The default devices of <c>Compile</c>: one, unless a <see cref="NotebookRnn.Devices.Devices.Use"/> scope around the code says otherwise.</summary>
public class DevicesTests
{
    [Fact]
    public void Compile_without_devices_uses_the_default_devices()
    {
        using (NotebookRnn.Devices.Devices.Use("cpu:0,cpu:1"))
        {
            var model = new Sequential([new Dense(1, inputShape: [2])]);
            model.Compile("sgd", "mse");
            Assert.Equal(["cpu:0", "cpu:1"], model.Devices.Select(d => d.Name));
            History history = model.Fit(new Tensor(8, 2), new Tensor(8, 1), batchSize: 8, verbose: 0);
            Assert.Equal(2, history.Batches[0].Devices.Count);
            model.Compile("sgd", "mse", devices: 1);
            Assert.Single(model.Devices);
        }
    }

    [Fact]
    public void A_scope_ends_when_disposed_and_an_inner_one_restores_the_outer_one()
    {
        Assert.Equal(["cpu:0"], NotebookRnn.Devices.Devices.Default.Select(d => d.Name));
        using (NotebookRnn.Devices.Devices.Use(2))
        {
            using (NotebookRnn.Devices.Devices.Use("cpu:1"))
                Assert.Equal(["cpu:1"], NotebookRnn.Devices.Devices.Default.Select(d => d.Name));
            Assert.Equal(["cpu:0", "cpu:1"], NotebookRnn.Devices.Devices.Default.Select(d => d.Name));
        }
        Assert.Equal(["cpu:0"], NotebookRnn.Devices.Devices.Default.Select(d => d.Name));
    }

    [Fact]
    public async Task A_scope_reaches_the_tasks_started_in_it_and_no_other_code()
    {
        using var started = new ManualResetEventSlim();
        using var checkedOutside = new ManualResetEventSlim();
        Task<int> inside;
        using (NotebookRnn.Devices.Devices.Use(2))
        {
            inside = Task.Run(() =>
            {
                started.Set();
                checkedOutside.Wait();
                return NotebookRnn.Devices.Devices.Default.Count;
            });
        }
        started.Wait();
        int elsewhere = await Task.Run(() => NotebookRnn.Devices.Devices.Default.Count);
        checkedOutside.Set();

        Assert.Equal((2, 1), (await inside, elsewhere));
    }
}
