using NotebookRnn.Devices;

namespace NotebookRnn.Tests.Devices;

public class DeviceTests
{
    [Theory]
    [InlineData("cpu:0", 0)]
    [InlineData("cpu:1", 1)]
    [InlineData("cpu(1)", 1)]
    [InlineData(" CPU(3) ", 3)]
    [InlineData("cpu", 0)]
    public void Our_and_keras_mxnet_names_parse(string text, int index)
    {
        Device device = text;
        Assert.Equal(DeviceKind.Cpu, device.Kind);
        Assert.Equal(index, device.Index);
        Assert.Equal($"cpu:{index}", device.Name);
    }

    [Theory]
    [InlineData("gpu(0)")]
    [InlineData("cuda:0")]
    [InlineData("gpu:1")]
    public void Asking_for_a_gpu_says_there_is_no_gpu_backend_and_lists_the_devices(string text)
    {
        var error = Assert.Throws<ArgumentException>(() => Device.Parse(text));
        Assert.Contains("no GPU backend exists in this build", error.Message);
        Assert.Contains("cpu:0", error.Message);
    }

    [Fact]
    public void Available_devices_are_one_per_logical_processor()
    {
        Assert.Equal(Environment.ProcessorCount, NotebookRnn.Devices.Devices.Available.Count);
        Assert.Equal("cpu:0", NotebookRnn.Devices.Devices.Available[0].Name);
    }

    [Fact]
    public void Device_sets_come_from_counts_names_and_lists()
    {
        DeviceSet fromCount = 2, fromText = "cpu:0, cpu(1)", fromList = ["cpu:1", "cpu:0"];
        Assert.Equal(["cpu:0", "cpu:1"], fromCount.Select(d => d.Name));
        Assert.Equal(["cpu:0", "cpu:1"], fromText.Select(d => d.Name));
        Assert.Equal(["cpu:1", "cpu:0"], fromList.Select(d => d.Name));
        Assert.Throws<ArgumentException>(() => (DeviceSet)"cpu:0,cpu:0");
        Assert.Throws<ArgumentOutOfRangeException>(() => (DeviceSet)0);
    }
}
