namespace NotebookRnn.Kernels;

/// <summary>
/// Activation functions and their derivatives on spans, one activation per file. Derivatives are written in terms of
/// the activation's output y (what layers keep from the forward pass); <c>dx = dy · f'(x)</c>. Besides them, the two
/// row-wise bias passes of the dense projections (<see cref="AddBias"/>, <see cref="AccumulateColumnSums"/>).
/// </summary>
/// <remarks>
/// The loops are compiled fully optimised from their first call (AggressiveOptimization): under the default tiered
/// JIT a notebook's first epochs would otherwise run them as tier-0 code, several times slower, for as long as call
/// counting is held off. The elementwise ones are operator structs run by <see cref="ElementwiseLoop"/>.
/// </remarks>
public static partial class ActivationKernels;
