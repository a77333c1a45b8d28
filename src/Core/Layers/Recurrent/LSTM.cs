using NotebookRnn.Constraints;
using NotebookRnn.Initializers;
using NotebookRnn.Regularizers;

namespace NotebookRnn.Layers.Recurrent;

/// <summary>
/// Long short-term memory layer (Keras <c>LSTM</c>): x: (batch, timesteps, features) → (batch, units), or
/// (batch, timesteps, units) with <c>returnSequences</c>. Gates in Keras order i, f, c, o:
/// i, f, o = recurrentActivation(x·W + h·U + b), g = activation(…), c' = f ⊙ c + i ⊙ g, h' = o ⊙ activation(c').
/// Weights: kernel (features, 4·units), recurrent_kernel (units, 4·units), bias (4·units). States: h and c.
/// </summary>
public sealed class LSTM : RecurrentLayer
{
    /// <summary>Creates the layer (Keras 3 arguments and defaults).</summary>
    /// <param name="units">Size of h and c, &gt; 0.</param>
    /// <param name="activation">Default tanh.</param>
    /// <param name="recurrentActivation">Gate activation; default sigmoid (<c>"hard_sigmoid"</c> is Keras 3's, <c>"hard_sigmoid_keras2"</c> Keras 2's).</param>
    /// <param name="useBias">Default true.</param>
    /// <param name="kernelInitializer">Default glorot_uniform.</param>
    /// <param name="recurrentInitializer">Default orthogonal.</param>
    /// <param name="biasInitializer">Default zeros.</param>
    /// <param name="unitForgetBias">Start the forget-gate bias at 1 (default true).</param>
    /// <param name="dropout">Input dropout in [0, 1); default 0.</param>
    /// <param name="recurrentDropout">State dropout in [0, 1); default 0.</param>
    /// <param name="returnSequences">Return every step's output; default false.</param>
    /// <param name="returnState">Final states are wanted (see <see cref="RecurrentLayer.Call(NotebookRnn.Tensors.Tensor, SequenceMask?, IReadOnlyList{NotebookRnn.Tensors.Tensor}?, bool)"/>); default false.</param>
    /// <param name="goBackwards">Process the sequence backwards; default false.</param>
    /// <param name="stateful">Carry states across batches; default false.</param>
    /// <param name="unroll">Fixed time dimension with a static plan; default false.</param>
    /// <param name="zeroOutputForMask">Masked positions of the returned sequence are zeros instead of the last real output; default false.</param>
    /// <param name="inputShape">(timesteps, features) without batch; timesteps may be null unless unrolled.</param>
    /// <param name="name">Layer name.</param>
    /// <param name="kernelRegularizer">Penalty on the input kernel added to the training loss; default none.</param>
    /// <param name="recurrentRegularizer">Penalty on the recurrent kernel; default none.</param>
    /// <param name="biasRegularizer">Penalty on the bias; default none.</param>
    /// <param name="activityRegularizer">Penalty on the output, divided by the batch size; default none.</param>
    /// <param name="kernelConstraint">Projection of the input kernel after each optimizer step; default none.</param>
    /// <param name="recurrentConstraint">Projection of the recurrent kernel after each optimizer step; default none.</param>
    /// <param name="biasConstraint">Projection of the bias after each optimizer step; default none.</param>
    public LSTM(int units, ActivationFunction? activation = null, ActivationFunction? recurrentActivation = null, bool useBias = true,
        Initializer? kernelInitializer = null, Initializer? recurrentInitializer = null, Initializer? biasInitializer = null,
        bool unitForgetBias = true, double dropout = 0, double recurrentDropout = 0, bool returnSequences = false,
        bool returnState = false, bool goBackwards = false, bool stateful = false, bool unroll = false,
        bool zeroOutputForMask = false, int?[]? inputShape = null, string? name = null,
        Regularizer? kernelRegularizer = null, Regularizer? recurrentRegularizer = null, Regularizer? biasRegularizer = null,
        Regularizer? activityRegularizer = null, Constraint? kernelConstraint = null, Constraint? recurrentConstraint = null,
        Constraint? biasConstraint = null)
        : base(units, activation, recurrentActivation, useBias, kernelInitializer, recurrentInitializer, biasInitializer, dropout,
            recurrentDropout, returnSequences, returnState, goBackwards, stateful, unroll, zeroOutputForMask, inputShape, name)
    {
        SetPenalties(kernelRegularizer, recurrentRegularizer, biasRegularizer, activityRegularizer, kernelConstraint, recurrentConstraint, biasConstraint);
        UnitForgetBias = unitForgetBias;
    }

    /// <summary>Whether the forget-gate bias starts at 1.</summary>
    public bool UnitForgetBias { get; }

    private protected override RecurrentCell CreateCell() =>
        new LSTMCell(Units, Activation, RecurrentActivation, UseBias, KernelInitializer, RecurrentInitializer, BiasInitializer, UnitForgetBias);
}
