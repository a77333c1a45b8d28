using NotebookRnn.Devices;
using NotebookRnn.Layers;
using NotebookRnn.Models;

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
    [InlineData("gpu(0)", 0)]
    [InlineData("cuda:0", 0)]
    [InlineData("cuda", 0)]
    [InlineData("gpu:1", 1)]
    [InlineData("GPU(2)", 2)]
    public void Keras_mxnet_and_pytorch_gpu_names_parse_as_cuda_devices(string text, int index)
    {
        Device device = text;
        Assert.Equal(DeviceKind.Cuda, device.Kind);
        Assert.Equal($"cuda:{index}", device.Name);
    }

    [Fact]
    public void The_managed_backend_refuses_a_gpu_naming_the_package_that_brings_gpus_and_the_devices_it_has()
    {
        var model = new Sequential([new Dense(2, inputShape: [3])]);
        var error = Assert.Throws<ArgumentException>(() => model.Compile("sgd", "mse", devices: "cpu:0,gpu(0)"));
        Assert.Equal("devices", error.ParamName);
        Assert.Contains("cuda:0 is a GPU", error.Message);
        Assert.Contains("NotebookRnn.TorchSharp", error.Message);
        Assert.Contains("cpu:0", error.Message);
        Assert.Same(Backend.Managed, model.Backend);
    }

    [Theory]
    [InlineData("tpu:0")]
    [InlineData("mps")]
    public void A_kind_no_backend_offers_is_refused_when_parsed(string text)
    {
        var error = Assert.Throws<ArgumentException>(() => Device.Parse(text));
        Assert.Contains("no NotebookRnn backend offers", error.Message);
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
