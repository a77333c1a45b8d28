using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace NotebookRnn.Kernels;

/// <summary>
/// The elementwise arithmetic of the training step (adds, products, scaled row updates) on spans, compiled fully
/// optimised from the first call. TensorPrimitives computes the same, but it lives in a package assembly without
/// precompiled code: under the default tiered JIT its vector loops first run as tier-0 code, where every Vector512
/// operation is a call, and stay there until call counting promotes them, which a busy notebook kernel (always
/// jitting something new) keeps pushing back. Measured on the textgen LSTM with tier-up held off, the per-row
/// TensorPrimitives calls of the one-hot projection and the backward sweep took a fifth of each batch.
/// </summary>
/// <remarks>
/// One vector loop, written once in <see cref="Apply{TOperator}"/>, runs each operator on 16, 8 and 4 lanes as far
/// as the hardware accelerates them and finishes on single floats. <c>destination</c> may be one of the inputs
/// (in-place updates); any other overlap is not allowed. Every input must hold at least
/// <c>destination.Length</c> floats.
/// </remarks>
public static class ElementwiseKernels
{
    /// <summary><c>destination[i] = x[i] + y[i]</c>.</summary>
    /// <exception cref="ArgumentException">An input is shorter than <paramref name="destination"/>.</exception>
    public static void Add(ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<float> destination) =>
        Apply(new AddOperator(), x, y, y, destination);

    /// <summary><c>destination[i] = x[i] · y[i]</c>.</summary>
    /// <exception cref="ArgumentException">An input is shorter than <paramref name="destination"/>.</exception>
    public static void Multiply(ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<float> destination) =>
        Apply(new MultiplyOperator(), x, y, y, destination);

    /// <summary><c>destination[i] = x[i] · scale</c>.</summary>
    /// <exception cref="ArgumentException"><paramref name="x"/> is shorter than <paramref name="destination"/>.</exception>
    public static void Multiply(ReadOnlySpan<float> x, float scale, Span<float> destination) =>
        Apply(new ScaleOperator(scale), x, x, x, destination);

    /// <summary><c>destination[i] = x[i] · y[i] + addend[i]</c> (rounded twice, not fused).</summary>
    /// <exception cref="ArgumentException">An input is shorter than <paramref name="destination"/>.</exception>
    public static void MultiplyAdd(ReadOnlySpan<float> x, ReadOnlySpan<float> y, ReadOnlySpan<float> addend, Span<float> destination) =>
        Apply(new MultiplyAddOperator(), x, y, addend, destination);

    /// <summary><c>destination[i] = x[i] · scale + addend[i]</c> (rounded twice, not fused): a scaled row update.</summary>
    /// <exception cref="ArgumentException">An input is shorter than <paramref name="destination"/>.</exception>
    public static void MultiplyAdd(ReadOnlySpan<float> x, float scale, ReadOnlySpan<float> addend, Span<float> destination) =>
        Apply(new ScaleAddOperator(scale), x, addend, addend, destination);

    /// <summary>The largest of <paramref name="x"/>; NaN if any value is NaN, −∞ for an empty span.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static float Max(ReadOnlySpan<float> x)
    {
        float max = float.NegativeInfinity;
        foreach (float value in x)
        {
            if (float.IsNaN(value)) return value;
            if (value > max) max = value;
        }
        return max;
    }

    /// <summary>The index of the first largest value of <paramref name="x"/> (a NaN counts as largest), −1 for an empty span.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int IndexOfMax(ReadOnlySpan<float> x)
    {
        int best = x.IsEmpty ? -1 : 0;
        for (int i = 1; i < x.Length && !float.IsNaN(x[best]); i++)
            if (x[i] > x[best] || float.IsNaN(x[i])) best = i;
        return best;
    }

    /// <summary>Whether every value of <paramref name="x"/> is finite (neither NaN nor ±∞).</summary>
    /// <remarks>v·0 is ±0 exactly when v is finite and NaN otherwise, so the vector loop sums those products and tests once.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool AllFinite(ReadOnlySpan<float> x)
    {
        ref float source = ref MemoryMarshal.GetReference(x);
        nuint length = (nuint)x.Length, i = 0;
        if (Vector256.IsHardwareAccelerated && length >= 8)
        {
            Vector256<float> products = Vector256<float>.Zero;
            for (; i + 8 <= length; i += 8) products += Vector256.LoadUnsafe(ref source, i) * Vector256<float>.Zero;
            if (!Vector256.EqualsAll(products, Vector256<float>.Zero)) return false;
        }
        for (; i < length; i++)
            if (!float.IsFinite(Unsafe.Add(ref source, i))) return false;
        return true;
    }

    // The one vector loop. Unused inputs are passed as one of the used ones, so nothing reads past a real span.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Apply<TOperator>(TOperator op, ReadOnlySpan<float> x, ReadOnlySpan<float> y, ReadOnlySpan<float> z,
        Span<float> destination) where TOperator : struct, IOperator
    {
        if (x.Length < destination.Length || y.Length < destination.Length || z.Length < destination.Length)
            throw new ArgumentException(
                $"Inputs must hold at least the destination's {destination.Length} values, got {x.Length}, {y.Length} and {z.Length}.",
                nameof(destination));
        ref float xs = ref MemoryMarshal.GetReference(x), ys = ref MemoryMarshal.GetReference(y), zs = ref MemoryMarshal.GetReference(z);
        ref float d = ref MemoryMarshal.GetReference(destination);
        nuint length = (nuint)destination.Length, i = 0;
        if (Vector512.IsHardwareAccelerated)
            for (; i + 16 <= length; i += 16)
                op.Invoke(Vector512.LoadUnsafe(ref xs, i), Vector512.LoadUnsafe(ref ys, i), Vector512.LoadUnsafe(ref zs, i)).StoreUnsafe(ref d, i);
        if (Vector256.IsHardwareAccelerated)
            for (; i + 8 <= length; i += 8)
                op.Invoke(Vector256.LoadUnsafe(ref xs, i), Vector256.LoadUnsafe(ref ys, i), Vector256.LoadUnsafe(ref zs, i)).StoreUnsafe(ref d, i);
        if (Vector128.IsHardwareAccelerated)
            for (; i + 4 <= length; i += 4)
                op.Invoke(Vector128.LoadUnsafe(ref xs, i), Vector128.LoadUnsafe(ref ys, i), Vector128.LoadUnsafe(ref zs, i)).StoreUnsafe(ref d, i);
        for (; i < length; i++)
            Unsafe.Add(ref d, i) = op.Invoke(Unsafe.Add(ref xs, i), Unsafe.Add(ref ys, i), Unsafe.Add(ref zs, i));
    }

    private interface IOperator
    {
        float Invoke(float x, float y, float z);
        Vector128<float> Invoke(Vector128<float> x, Vector128<float> y, Vector128<float> z);
        Vector256<float> Invoke(Vector256<float> x, Vector256<float> y, Vector256<float> z);
        Vector512<float> Invoke(Vector512<float> x, Vector512<float> y, Vector512<float> z);
    }

    private readonly struct AddOperator : IOperator
    {
        public float Invoke(float x, float y, float z) => x + y;
        public Vector128<float> Invoke(Vector128<float> x, Vector128<float> y, Vector128<float> z) => x + y;
        public Vector256<float> Invoke(Vector256<float> x, Vector256<float> y, Vector256<float> z) => x + y;
        public Vector512<float> Invoke(Vector512<float> x, Vector512<float> y, Vector512<float> z) => x + y;
    }

    private readonly struct MultiplyOperator : IOperator
    {
        public float Invoke(float x, float y, float z) => x * y;
        public Vector128<float> Invoke(Vector128<float> x, Vector128<float> y, Vector128<float> z) => x * y;
        public Vector256<float> Invoke(Vector256<float> x, Vector256<float> y, Vector256<float> z) => x * y;
        public Vector512<float> Invoke(Vector512<float> x, Vector512<float> y, Vector512<float> z) => x * y;
    }

    private readonly struct MultiplyAddOperator : IOperator
    {
        public float Invoke(float x, float y, float z) => x * y + z;
        public Vector128<float> Invoke(Vector128<float> x, Vector128<float> y, Vector128<float> z) => x * y + z;
        public Vector256<float> Invoke(Vector256<float> x, Vector256<float> y, Vector256<float> z) => x * y + z;
        public Vector512<float> Invoke(Vector512<float> x, Vector512<float> y, Vector512<float> z) => x * y + z;
    }

    private readonly struct ScaleOperator(float scale) : IOperator
    {
        public float Invoke(float x, float y, float z) => x * scale;
        public Vector128<float> Invoke(Vector128<float> x, Vector128<float> y, Vector128<float> z) => x * scale;
        public Vector256<float> Invoke(Vector256<float> x, Vector256<float> y, Vector256<float> z) => x * scale;
        public Vector512<float> Invoke(Vector512<float> x, Vector512<float> y, Vector512<float> z) => x * scale;
    }

    // y is the addend.
    private readonly struct ScaleAddOperator(float scale) : IOperator
    {
        public float Invoke(float x, float y, float z) => x * scale + y;
        public Vector128<float> Invoke(Vector128<float> x, Vector128<float> y, Vector128<float> z) => x * scale + y;
        public Vector256<float> Invoke(Vector256<float> x, Vector256<float> y, Vector256<float> z) => x * scale + y;
        public Vector512<float> Invoke(Vector512<float> x, Vector512<float> y, Vector512<float> z) => x * scale + y;
    }
}
