namespace NotebookRnn.Kernels;

/// <summary>
/// The elementwise arithmetic of the training step (adds, products, scaled row updates) and the reductions around it,
/// on spans, one operation per file, compiled fully optimised from the first call. TensorPrimitives computes the same,
/// but it lives in a package assembly without precompiled code: under the default tiered JIT its vector loops first
/// run as tier-0 code, where every Vector512 operation is a call, and stay there until call counting promotes them,
/// which a busy notebook kernel (always jitting something new) keeps pushing back. Measured on the textgen LSTM with
/// tier-up held off, the per-row TensorPrimitives calls of the one-hot projection and the backward sweep took a fifth
/// of each batch.
/// </summary>
/// <remarks>
/// Every operation is a small operator struct run by the one vector loop, <see cref="ElementwiseLoop"/>.
/// <c>destination</c> may be one of the inputs (in-place updates); any other overlap is not allowed. Every input must
/// hold at least <c>destination.Length</c> floats.
/// </remarks>
public static partial class ElementwiseKernels;
