namespace NotebookRnn.Notebook.Tests.Magics;

public class DevicesMagicTests
{
    [Fact]
    public void Without_options_it_lists_the_devices_and_changes_nothing()
    {
        var kit = new MagicTestKit();
        MimeBundle bundle = kit.Show("#!rnn-devices");
        Assert.StartsWith("Devices: 2 devices\n", bundle.PlainText);
        Assert.Null(kit.Settings.Devices);
    }

    [Fact]
    public void Use_records_the_requested_devices_in_the_settings()
    {
        var kit = new MagicTestKit();
        MimeBundle bundle = kit.Show("#!rnn-devices --use cpu:1,cpu:0");
        Assert.Equal(["cpu:1", "cpu:0"], kit.Settings.Devices!);
        Assert.Contains("Requested for training: cpu:1, cpu:0", bundle.PlainText);
    }

    [Fact]
    public void Keras_mxnet_names_and_spaces_are_accepted()
    {
        var kit = new MagicTestKit();
        kit.Show("#!rnn-devices --use \"cpu(0), CPU:1\"");
        Assert.Equal(["cpu:0", "cpu:1"], kit.Settings.Devices!);
    }

    [Fact]
    public void The_real_catalog_lists_one_cpu_per_processor()
    {
        Assert.Equal(Environment.ProcessorCount, new NotebookSettings().AvailableDevices().Count);
        Assert.Equal("cpu:0", new NotebookSettings().AvailableDevices()[0]);
    }

    [Theory]
    [InlineData("#!rnn-devices --use gpu(0)", "gpu:0 was asked for, but this engine trains on CPUs only; available: cpu:0, cpu:1")]
    [InlineData("#!rnn-devices --use cpu:7", "cpu:7 does not exist on this machine; available: cpu:0, cpu:1")]
    [InlineData("#!rnn-devices --use tpu", "'tpu' is not a device name; expected cpu:N (or keras-mxnet's cpu(N))")]
    [InlineData("#!rnn-devices --use cpu:0,cpu(0)", "cpu:0 is listed twice")]
    [InlineData("#!rnn-devices --use ,", "--use lists no device")]
    [InlineData("#!rnn-devices cpu:0", "unexpected argument 'cpu:0'")]
    public void Errors_name_the_problem_and_leave_the_settings_alone(string line, string problem)
    {
        var kit = new MagicTestKit();
        Assert.Equal($"#!rnn-devices: {problem}. Usage: #!rnn-devices [--use cpu:0,cpu:1]", kit.Fail(line));
        Assert.Null(kit.Settings.Devices);
    }
}
