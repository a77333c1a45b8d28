using System.Runtime.CompilerServices;
using NotebookRnn.Kernels;
using NotebookRnn.Tensors;

namespace NotebookRnn.Layers;

/// <summary>
/// An elementwise (or, for softmax, row-wise) activation. Keras names are accepted as strings:
/// <c>linear</c>, <c>relu</c>, <c>sigmoid</c>, <c>tanh</c>, <c>softmax</c>, <c>hard_sigmoid</c>, and
/// <c>hard_sigmoid_keras2</c>.
/// </summary>
/// <remarks>
/// <c>hard_sigmoid</c> is Keras 3's, <c>relu6(x + 3) / 6</c> = <c>clip(x / 6 + 0.5, 0, 1)</c>. Keras 2 defined it as
/// <c>clip(0.2·x + 0.5, 0, 1)</c>, the one keras-mxnet code was written against: ask for that one by its explicit
/// name <c>hard_sigmoid_keras2</c> (<see cref="HardSigmoidKeras2"/>).
/// </remarks>
public sealed class ActivationFunction
{
    private ActivationFunction(ActivationKind kind, string name)
    {
        Kind = kind;
        Name = name;
    }

    /// <summary><c>f(x) = x</c>.</summary>
    public static ActivationFunction Linear { get; } = new(ActivationKind.Linear, "linear");
    /// <summary><c>f(x) = max(x, 0)</c>.</summary>
    public static ActivationFunction Relu { get; } = new(ActivationKind.Relu, "relu");
    /// <summary><c>f(x) = 1 / (1 + e^-x)</c>.</summary>
    public static ActivationFunction Sigmoid { get; } = new(ActivationKind.Sigmoid, "sigmoid");
    /// <summary><c>f(x) = tanh x</c>.</summary>
    public static ActivationFunction Tanh { get; } = new(ActivationKind.Tanh, "tanh");
    /// <summary>Softmax over the last axis.</summary>
    public static ActivationFunction Softmax { get; } = new(ActivationKind.Softmax, "softmax");
    /// <summary><c>f(x) = relu6(x + 3) / 6 = clip(x / 6 + 0.5, 0, 1)</c> (Keras 3's <c>hard_sigmoid</c>).</summary>
    public static ActivationFunction HardSigmoid { get; } = new(ActivationKind.HardSigmoid, "hard_sigmoid");
    /// <summary><c>f(x) = clip(0.2·x + 0.5, 0, 1)</c>: Keras 2's <c>hard_sigmoid</c>, by the name <c>hard_sigmoid_keras2</c>.</summary>
    public static ActivationFunction HardSigmoidKeras2 { get; } = new(ActivationKind.HardSigmoidKeras2, "hard_sigmoid_keras2");

    /// <summary>Which function this is.</summary>
    public ActivationKind Kind { get; }

    /// <summary>The Keras name.</summary>
    public string Name { get; }

    /// <summary>Looks up an activation by Keras name (<c>null</c> or empty means linear).</summary>
    /// <exception cref="ArgumentException">The name is unknown.</exception>
    public static ActivationFunction Get(string? name) => Naming.Key(name ?? "") switch
    {
        "" or "linear" or "none" => Linear,
        "relu" => Relu,
        "sigmoid" => Sigmoid,
        "tanh" => Tanh,
        "softmax" => Softmax,
        "hardsigmoid" => HardSigmoid,
        "hardsigmoidkeras2" => HardSigmoidKeras2,
        _ => throw new ArgumentException(
            $"Activation \"{name}\" not understood; expected one of linear, relu, sigmoid, tanh, softmax, hard_sigmoid, hard_sigmoid_keras2.",
            nameof(name)),
    };

    /// <summary>Same as <see cref="Get"/>.</summary>
    public static implicit operator ActivationFunction(string? name) => Get(name);

    // The recurrent cells' generic path calls these per row and gate: AggressiveOptimization compiles the dispatch with
    // the kernel's own dispatch inlined from the first call, instead of as tier-0 calls through every level (issue 13).
    /// <summary>Computes <c>y = f(x)</c>; softmax works on rows of <paramref name="rowLength"/> (the last axis).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Forward(ReadOnlySpan<float> x, Span<float> y, int rowLength)
    {
        switch (Kind)
        {
            case ActivationKind.Linear: x.CopyTo(y); break;
            case ActivationKind.Relu: ActivationKernels.Relu(x, y); break;
            case ActivationKind.Sigmoid: ActivationKernels.Sigmoid(x, y); break;
            case ActivationKind.Tanh: ActivationKernels.Tanh(x, y); break;
            case ActivationKind.Softmax: ActivationKernels.Softmax(x, y, rowLength); break;
            case ActivationKind.HardSigmoid: ActivationKernels.HardSigmoid(x, y); break;
            case ActivationKind.HardSigmoidKeras2: ActivationKernels.HardSigmoidKeras2(x, y); break;
        }
    }

    /// <summary>Computes <c>dx = dy · f'(x)</c> from the forward output <paramref name="y"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Backward(ReadOnlySpan<float> y, ReadOnlySpan<float> dy, Span<float> dx, int rowLength)
    {
        switch (Kind)
        {
            case ActivationKind.Linear: dy.CopyTo(dx); break;
            case ActivationKind.Relu: ActivationKernels.ReluBackward(y, dy, dx); break;
            case ActivationKind.Sigmoid: ActivationKernels.SigmoidBackward(y, dy, dx); break;
            case ActivationKind.Tanh: ActivationKernels.TanhBackward(y, dy, dx); break;
            case ActivationKind.Softmax: ActivationKernels.SoftmaxBackward(y, dy, dx, rowLength); break;
            case ActivationKind.HardSigmoid: ActivationKernels.HardSigmoidBackward(y, dy, dx); break;
            case ActivationKind.HardSigmoidKeras2: ActivationKernels.HardSigmoidKeras2Backward(y, dy, dx); break;
        }
    }

    /// <inheritdoc/>
    public override string ToString() => Name;
}

/// <summary>The closed set of activation functions.</summary>
public enum ActivationKind
{
    /// <summary>Identity.</summary>
    Linear,
    /// <summary>Rectified linear unit.</summary>
    Relu,
    /// <summary>Logistic sigmoid.</summary>
    Sigmoid,
    /// <summary>Hyperbolic tangent.</summary>
    Tanh,
    /// <summary>Softmax over the last axis.</summary>
    Softmax,
    /// <summary>Keras 3 hard sigmoid, relu6(x + 3) / 6.</summary>
    HardSigmoid,
    /// <summary>Keras 2 hard sigmoid, clip(0.2·x + 0.5, 0, 1).</summary>
    HardSigmoidKeras2,
}
