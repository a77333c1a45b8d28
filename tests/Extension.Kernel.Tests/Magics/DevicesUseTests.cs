using NotebookRnn.Notebook.Kernel.Tests.Hosting;

namespace NotebookRnn.Notebook.Kernel.Tests.Magics;

/// <summary>
/// <c>#!rnn-devices --use</c>, in a session of this class's own: it changes the session's devices, which a cell puts
/// back after each test.
/// </summary>
[Collection(KernelTests.Name)]
public sealed class DevicesUseTests(ClassSession own) : IClassFixture<ClassSession>, IAsyncLifetime
{
    private NotebookSession Session => own.Session;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await Session.RunSucceedingAsync("#!rnn-devices --use cpu:0");

    [Fact]
    public async Task Use_records_the_devices_and_models_compiled_afterwards_train_on_them()
    {
        var output = await Session.ShowAsync("#!rnn-devices --use cpu:1,cpu:0");
        Assert.Contains("Requested for training: cpu:1, cpu:0", output.PlainText());
        Assert.Contains("Requested for training: cpu:1, cpu:0", (await Session.ShowAsync("#!rnn-devices")).PlainText());
        string devices = await Session.EvaluateAsync<string>("""
            var model = new Sequential([new Dense(1, inputShape: [2])]);
            model.Compile("sgd", "mse");
            string.Join(", ", model.Devices.Select(d => d.Name))
            """);
        Assert.Equal("cpu:1, cpu:0", devices);
    }

    [Fact]
    public async Task Keras_mxnet_names_any_case_and_spaces_are_accepted()
    {
        var output = await Session.ShowAsync("#!rnn-devices --use \"cpu(0), CPU:1\"");
        Assert.Contains("Requested for training: cpu:0, cpu:1", output.PlainText());
        Assert.Equal("cpu:0, cpu:1", await Session.EvaluateAsync<string>("string.Join(\", \", Devices.Default.Select(d => d.Name))"));
    }
}
