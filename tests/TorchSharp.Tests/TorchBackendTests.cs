using NotebookRnn.Devices;
using NotebookRnn.Layers;
using NotebookRnn.Models;
using NotebookRnn.Models.Callbacks;
using NotebookRnn.Optimizers;
using NotebookRnn.Tensors;
using NotebookRnn.Training;
using TorchSharp;

namespace NotebookRnn.TorchSharp.Tests;

/// <summary>The backend as a user meets it: devices, errors, History, callbacks, saving and continuing on the other backend.</summary>
public class TorchBackendTests
{
    private static Sequential Mlp() => new([new Dense(8, "tanh", inputShape: [5]), new Dense(3, "softmax")], seed: 11);

    private static Tensor OneHot(long seed, int rows, int classes)
    {
        var random = new RandomGenerator(seed);
        var values = new float[rows * classes];
        for (int r = 0; r < rows; r++) values[r * classes + (int)(random.NextDouble() * classes)] = 1;
        return new Tensor(values, rows, classes);
    }

    [Fact]
    public void The_backend_offers_the_cpu_and_then_each_cuda_device_libtorch_reports()
    {
        IReadOnlyList<Device> available = TorchBackend.Instance.Available;
        Assert.Equal("cpu:0", available[0].Name);
        Assert.Equal(torch.cuda.is_available() ? torch.cuda.device_count() : 0, available.Count(d => d.Kind == DeviceKind.Cuda));
        Assert.Equal("libtorch", TorchBackend.Instance.Name);
    }

    [Fact]
    public void Asking_for_a_gpu_libtorch_does_not_have_lists_the_devices_and_the_package_that_brings_cuda()
    {
        // Without CUDA (this machine) that is cuda:0; with N GPUs, cuda:N.
        int missing = torch.cuda.is_available() ? torch.cuda.device_count() : 0;
        var model = Mlp();
        var error = Assert.Throws<ArgumentException>(() =>
            model.Compile("adam", "categorical_crossentropy", devices: [$"cuda:{missing}"], backend: TorchBackend.Instance));
        Assert.Equal("devices", error.ParamName);
        Assert.Contains($"cuda:{missing} is not available to libtorch here; the devices are cpu:0", error.Message);
        if (!torch.cuda.is_available()) Assert.Contains("reference TorchSharp-cuda-linux", error.Message);
        Assert.Same(Backend.Managed, model.Backend);
    }

    [Fact]
    public void Two_devices_on_libtorch_split_each_batch_record_each_device_and_train_as_two_managed_devices_do()
    {
        var models = new BackendComparison(Mlp, () => new Adam(0.01), "categorical_crossentropy", "accuracy");
        models.Managed.Compile(new Adam(0.01), "categorical_crossentropy", ["accuracy"], devices: 2);
        models.Torch.Compile(new Adam(0.01), "categorical_crossentropy", ["accuracy"], devices: 2, backend: TorchBackend.Instance);
        Tensor x = TestData.Uniform(1, 40, 5), y = OneHot(2, 40, 3);
        History managed = models.Managed.Fit(x, y, batchSize: 10, epochs: 3, verbose: 0, shuffle: false);
        History onTorch = models.Torch.Fit(x, y, batchSize: 10, epochs: 3, verbose: 0, shuffle: false);
        Assert.Equal(["cpu:0", "cpu:1"], onTorch.Devices);
        Assert.All(onTorch.Batches, b => Assert.Equal([5, 5], b.Devices.Select(d => d.Samples)));
        for (int e = 0; e < 3; e++)
        {
            Assert.Equal(managed["loss"][e], onTorch["loss"][e], 1e-5);
            Assert.Equal(managed["accuracy"][e], onTorch["accuracy"][e], 1e-6);
        }
        models.AssertSameWeights(1e-5);
    }

    [Fact]
    public void Callbacks_and_cancellation_stop_training_on_libtorch_at_the_same_batch()
    {
        var model = Mlp();
        model.Compile(new SGD(0.1), "categorical_crossentropy", backend: TorchBackend.Instance);
        using var cancellation = new CancellationTokenSource();
        int batches = 0;
        var stopAtThird = new LambdaCallback(onBatchEnd: (_, _) => { if (++batches == 3) cancellation.Cancel(); });
        History history = model.Fit(TestData.Uniform(1, 40, 5), OneHot(2, 40, 3), batchSize: 5, epochs: 4, verbose: 0, callbacks: [stopAtThird],
            cancellationToken: cancellation.Token);
        Assert.True(history.Interrupted);
        Assert.Equal(3, history.Batches.Count);
    }

    [Fact]
    public void A_model_trained_on_libtorch_is_saved_loaded_and_continued_on_the_managed_backend_and_back()
    {
        Tensor x = TestData.Uniform(1, 30, 5), y = OneHot(2, 30, 3);
        var reference = Mlp();
        reference.Compile(new Adam(0.01), "categorical_crossentropy");
        reference.Fit(x, y, batchSize: 10, epochs: 3, verbose: 0, shuffle: false);

        string path = Path.Combine(Path.GetTempPath(), $"torch-backend-{Guid.NewGuid():N}.nbrnn");
        try
        {
            var first = Mlp();
            first.Compile(new Adam(0.01), "categorical_crossentropy", backend: TorchBackend.Instance);
            first.Fit(x, y, batchSize: 10, epochs: 1, verbose: 0, shuffle: false);
            first.Save(path);
            Model second = Model.Load(path);
            second.Fit(x, y, batchSize: 10, epochs: 1, verbose: 0, shuffle: false);
            Assert.Same(Backend.Managed, second.Backend);
            second.Save(path);
            Model third = Model.Load(path);
            third.Compile(third.Optimizer!, third.Loss!, backend: TorchBackend.Instance);
            third.Fit(x, y, batchSize: 10, epochs: 1, verbose: 0, shuffle: false);
            for (int p = 0; p < reference.Parameters.Count; p++)
                BackendComparison.AssertClose(reference.Parameters[p].Value, third.Parameters[p].Value, 1e-5, reference.Parameters[p].Name);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Weights_written_between_calls_are_the_ones_libtorch_computes_with()
    {
        var model = Mlp();
        model.Compile("sgd", "mse", backend: TorchBackend.Instance);
        Tensor x = TestData.Uniform(1, 4, 5);
        Tensor before = model.Predict(x);
        foreach (Parameter parameter in model.Parameters) parameter.Value.Span.Clear();
        Tensor after = model.Predict(x);
        Assert.NotEqual(before.ToArray(), after.ToArray());
        Assert.All(after.ToArray(), v => Assert.Equal(1f / 3, v, 1e-6));
    }

    [Fact]
    public void A_layer_without_a_libtorch_form_is_named_before_any_batch_runs()
    {
        var model = new Sequential([new Dense(2, inputShape: [3]), new Unsupported()]);
        model.Compile("sgd", "mse", backend: TorchBackend.Instance);
        float before = model.Parameters[0].Value.Span[0];
        var error = Assert.Throws<NotSupportedException>(() => model.Fit(TestData.Uniform(1, 4, 3), TestData.Uniform(2, 4, 2), verbose: 0));
        Assert.Contains("Layer 'unsupported' (Unsupported) cannot run on the libtorch backend", error.Message);
        Assert.Equal(before, model.Parameters[0].Value.Span[0]);
    }

    private sealed class Unsupported() : Layer("unsupported", null)
    {
        public override int?[] ComputeOutputShape(int?[] inputShape) => inputShape;

        public override Tensor Forward(Tensor input, SequenceMask? mask, bool training) => input;

        public override Tensor? Backward(Tensor outputGradient, bool needInputGradient) => outputGradient;
    }
}
