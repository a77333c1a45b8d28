using NotebookRnn.Layers;
using TorchSharp;
using static TorchSharp.torch.nn.functional;

namespace NotebookRnn.TorchSharp.Layers;

/// <summary>NotebookRnn's activation functions as libtorch operations, with Keras 3's definitions.</summary>
internal static class TorchActivations
{
    /// <summary>
    /// <paramref name="activation"/> of <paramref name="x"/>: softmax over the last axis; hard sigmoid is Keras 3's
    /// <c>relu6(x + 3) / 6</c> (libtorch's <c>hardsigmoid</c>) or Keras 2's <c>clip(0.2·x + 0.5, 0, 1)</c>.
    /// </summary>
    public static torch.Tensor Apply(ActivationFunction activation, torch.Tensor x) => activation.Kind switch
    {
        ActivationKind.Linear => x,
        ActivationKind.Relu => relu(x),
        ActivationKind.Sigmoid => torch.sigmoid(x),
        ActivationKind.Tanh => torch.tanh(x),
        ActivationKind.Softmax => softmax(x, -1),
        ActivationKind.HardSigmoid => hardsigmoid(x),
        ActivationKind.HardSigmoidKeras2 => torch.clamp(x * 0.2 + 0.5, 0.0, 1.0),
        _ => throw new NotSupportedException($"Activation '{activation.Name}' has no libtorch form."),
    };
}
