using NotebookRnn.Layers;
using NotebookRnn.Layers.Recurrent;
using NotebookRnn.Tensors;

namespace NotebookRnn.Tests.Layers.Recurrent;

/// <summary>
/// The set-up of Keras's recurrent tests: <c>np.arange</c> inputs, layers whose kernel, recurrent kernel and bias are
/// constants (Keras's <c>initializers.Constant</c>, an LSTM's forget-gate bias 1 with <c>unit_forget_bias</c>), boolean
/// masks, and Keras's <c>assertAllClose</c> tolerance.
/// </summary>
internal static class KerasCase
{
    /// <summary><c>np.arange(n).reshape(shape).astype("float32")</c>, times <paramref name="scale"/>.</summary>
    public static Tensor Arange(int[] shape, float scale = 1)
    {
        var x = new Tensor(shape);
        for (int i = 0; i < x.Length; i++) x.Span[i] = i * scale;
        return x;
    }

    /// <summary>A row-major (batch, steps) boolean mask.</summary>
    public static SequenceMask Mask(bool[,] flags)
    {
        int batch = flags.GetLength(0), steps = flags.GetLength(1);
        var valid = new bool[batch * steps];
        for (int b = 0; b < batch; b++)
            for (int t = 0; t < steps; t++) valid[b * steps + t] = flags[b, t];
        return new SequenceMask(valid, batch, steps);
    }

    /// <summary>Builds <paramref name="layer"/> for (steps, features) and sets its weights to Keras's constants.</summary>
    public static T Built<T>(T layer, int steps, int features, float kernel = 0.01f, float recurrent = 0.02f, float bias = 0.03f)
        where T : RecurrentLayer
    {
        layer.Build([steps, features], new RandomGenerator(0));
        return Constants(layer, kernel, recurrent, bias);
    }

    /// <summary>Sets the weights of a built recurrent layer to constants, as Keras's <c>Constant</c> initializers create them.</summary>
    public static T Constants<T>(T layer, float kernel = 0.01f, float recurrent = 0.02f, float bias = 0.03f) where T : RecurrentLayer
    {
        layer.Kernel.Value.Span.Fill(kernel);
        layer.RecurrentKernel.Value.Span.Fill(recurrent);
        if (layer.Bias is Parameter b)
        {
            b.Value.Span.Fill(bias);
            bool unitForgetBias = layer is LSTM { UnitForgetBias: true } || (layer is RNN && layer.Cell is LSTMCell);
            if (unitForgetBias) b.Value.Span.Slice(layer.Units, layer.Units).Fill(1);
        }
        return layer;
    }

    /// <summary>Each value repeated <paramref name="times"/> times: Keras's expectations whose units all hold one value.</summary>
    public static float[] Repeat(int times, params float[] values) => [.. values.SelectMany(v => Enumerable.Repeat(v, times))];

    /// <summary>Keras's <c>assertAllClose</c>: |actual − expected| ≤ atol + rtol·|expected| (default 1e-6 both).</summary>
    public static void AssertClose(float[] expected, Tensor actual, double atol = 1e-6, double rtol = 1e-6)
    {
        float[] values = actual.ToArray();
        Assert.Equal(expected.Length, values.Length);
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(values[i] - expected[i]) <= atol + rtol * Math.Abs(expected[i]),
                $"[{i}]: expected {expected[i]:G9}, got {values[i]:G9}");
    }
}
