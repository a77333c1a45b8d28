namespace NotebookRnn.Kernels;

/// <summary>
/// The operations of one vector width on its float vectors <typeparamref name="TVector"/>, so that a kernel loop is
/// written once for every width: a kernel generic over <c>&lt;TVector, TSimd&gt; where TSimd : ISimd&lt;TVector&gt;</c>
/// is compiled by the JIT separately for each width it runs with (<see cref="Simd128"/>, <see cref="Simd256"/>,
/// <see cref="Simd512"/>), and every call below inlines to the instruction it names: no boxing, no call.
/// System.Numerics.Tensors writes its loops the same way over ISimdVector, which .NET 8 keeps internal.
/// </summary>
/// <remarks>
/// The operations are static members of a struct beside the vector, not members of a struct wrapping it: the JIT keeps
/// a kernel's raw Vector512 accumulators in registers and updates them in place (vfmadd231ps), where a wrapper struct
/// costs a register copy after each FMA and inlining budget besides.
/// Comparisons return masks (all bits set in the lanes where they hold). <see cref="Max"/> and <see cref="Min"/>
/// return their second operand where either is NaN, as x86's maxps and minps do, so a clamp written
/// <c>Min(high, Max(low, x))</c> lets NaN through.
/// </remarks>
/// <typeparam name="TVector">Vector128&lt;float&gt;, Vector256&lt;float&gt; or Vector512&lt;float&gt;.</typeparam>
internal unsafe interface ISimd<TVector> where TVector : struct
{
    /// <summary>Floats per vector.</summary>
    static abstract int Count { get; }

    /// <summary>Whether vectors of this width run in hardware (and the .NET runtime prefers them).</summary>
    static abstract bool IsHardwareAccelerated { get; }

    /// <summary>All lanes 0.</summary>
    static abstract TVector Zero { get; }

    /// <summary>All lanes 1.</summary>
    static abstract TVector One { get; }

    /// <summary>All lanes <paramref name="value"/>.</summary>
    static abstract TVector Create(float value);

    /// <summary>Reads <see cref="Count"/> floats from <paramref name="source"/> (any alignment).</summary>
    static abstract TVector Load(float* source);

    /// <summary>Reads <see cref="Count"/> floats starting <paramref name="index"/> floats after <paramref name="source"/>.</summary>
    static abstract TVector Load(ref float source, nuint index);

    /// <summary>Writes <paramref name="value"/> to <paramref name="destination"/> (any alignment).</summary>
    static abstract void Store(TVector value, float* destination);

    /// <summary>Writes <paramref name="value"/> starting <paramref name="index"/> floats after <paramref name="destination"/>.</summary>
    static abstract void Store(TVector value, ref float destination, nuint index);

    /// <summary>Lane-wise <c>left + right</c>.</summary>
    static abstract TVector Add(TVector left, TVector right);

    /// <summary>Lane-wise <c>left - right</c>.</summary>
    static abstract TVector Subtract(TVector left, TVector right);

    /// <summary>Lane-wise <c>-value</c>.</summary>
    static abstract TVector Negate(TVector value);

    /// <summary>Lane-wise <c>left · right</c>.</summary>
    static abstract TVector Multiply(TVector left, TVector right);

    /// <summary>Lane-wise <c>left / right</c>.</summary>
    static abstract TVector Divide(TVector left, TVector right);

    /// <summary>Bitwise and.</summary>
    static abstract TVector And(TVector left, TVector right);

    /// <summary>Bitwise or.</summary>
    static abstract TVector Or(TVector left, TVector right);

    /// <summary>
    /// <c>left · right + addend</c>, rounded once where the hardware has FMA (always for <see cref="Simd512"/>), twice
    /// where it does not.
    /// </summary>
    static abstract TVector MultiplyAdd(TVector left, TVector right, TVector addend);

    /// <summary>Lane-wise maximum; <paramref name="right"/> where either is NaN.</summary>
    static abstract TVector Max(TVector left, TVector right);

    /// <summary>Lane-wise minimum; <paramref name="right"/> where either is NaN.</summary>
    static abstract TVector Min(TVector left, TVector right);

    /// <summary>The mask of lanes where <c>left &gt; right</c>.</summary>
    static abstract TVector GreaterThan(TVector left, TVector right);

    /// <summary>The mask of lanes where <c>left &lt; right</c>.</summary>
    static abstract TVector LessThan(TVector left, TVector right);

    /// <summary>The mask of lanes where <c>left ≤ right</c>.</summary>
    static abstract TVector LessThanOrEqual(TVector left, TVector right);

    /// <summary>The lanes of <paramref name="whenTrue"/> where <paramref name="mask"/> is set, of <paramref name="whenFalse"/> elsewhere.</summary>
    static abstract TVector ConditionalSelect(TVector mask, TVector whenTrue, TVector whenFalse);

    /// <summary>Each lane's bits read as an int, plus <paramref name="addend"/>, as bits again.</summary>
    static abstract TVector AddInt32(TVector value, int addend);

    /// <summary>Each lane's bits read as an int, shifted left by <paramref name="count"/>, as bits again.</summary>
    static abstract TVector ShiftLeftInt32(TVector value, int count);
}
