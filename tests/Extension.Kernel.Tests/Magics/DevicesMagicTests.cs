using NotebookRnn.Notebook.Kernel.Tests.Hosting;

namespace NotebookRnn.Notebook.Kernel.Tests.Magics;

/// <summary><c>#!rnn-devices</c> without a successful <c>--use</c>: the session's devices stay as they were.</summary>
[Collection(KernelTests.Name)]
public class DevicesMagicTests(Kernels kernels)
{
    private NotebookSession Session => kernels.Shared;

    // The kernel runs in this process, so its devices are this machine's.
    private static string Available => string.Join(", ", Enumerable.Range(0, Environment.ProcessorCount).Select(i => $"cpu:{i}"));

    [Fact]
    public async Task Without_options_it_lists_one_cpu_device_per_processor_and_none_requested()
    {
        var output = await Session.ShowAsync("#!rnn-devices");
        Assert.Equal(["text/html", "text/plain"], output.MimeTypes());
        string[] lines = output.PlainText().Split('\n');
        Assert.Equal($"Devices: {Environment.ProcessorCount} devices", lines[0]);
        Assert.Equal(Enumerable.Range(0, Environment.ProcessorCount).Select(i => $"cpu:{i}"), lines[2..^2].Select(l => l.Split(' ')[0]));
        Assert.All(lines[2..^2], l => Assert.EndsWith("CPU worker thread", l));
        Assert.StartsWith("No devices requested", lines[^2]);
        Assert.Contains("nbrnn-devices", output.Html());
    }

    [Theory]
    [InlineData("#!rnn-devices --use gpu(0)", "gpu:0 was asked for, but the managed engine trains on CPUs only; available: {available}. GPUs come through the libtorch backend: " +
                "#r \"nuget: NotebookRnn.TorchSharp\", then Compile(…, devices: [\"cuda:0\"], backend: TorchBackend.Instance)")]
    [InlineData("#!rnn-devices --use cpu:0,gpu:1", "gpu:1 was asked for, but the managed engine trains on CPUs only; available: {available}. GPUs come through the libtorch backend: " +
                "#r \"nuget: NotebookRnn.TorchSharp\", then Compile(…, devices: [\"cuda:0\"], backend: TorchBackend.Instance)")]
    [InlineData("#!rnn-devices --use cpu:{count}", "cpu:{count} does not exist on this machine; available: {available}")]
    [InlineData("#!rnn-devices --use tpu", "'tpu' is not a device name; expected cpu:N (or keras-mxnet's cpu(N))")]
    [InlineData("#!rnn-devices --use cpu:0,cpu(0)", "cpu:0 is listed twice")]
    [InlineData("#!rnn-devices --use ,", "--use lists no device")]
    public async Task Errors_name_the_problem_and_leave_the_devices_alone(string line, string problem)
    {
        string count = Environment.ProcessorCount.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await Session.FailAsync(line.Replace("{count}", count), problem.Replace("{count}", count).Replace("{available}", Available), Usage.Devices);
        Assert.Contains("No devices requested", (await Session.ShowAsync("#!rnn-devices")).PlainText());
        Assert.Equal("cpu:0", await Session.EvaluateAsync<string>("string.Join(\", \", Devices.Default.Select(d => d.Name))"));
    }
}
