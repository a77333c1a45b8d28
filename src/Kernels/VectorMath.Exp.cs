using System.Runtime.CompilerServices;

namespace NotebookRnn.Kernels;

public static partial class VectorMath
{
    /// <summary>
    /// e^x = scale·(1 + fraction) for x clamped to [-87, 88], with scale = 2^n and fraction = e^r - 1 (|r| ≤ ln 2 / 2)
    /// kept apart so that e^x - 1 loses nothing when n = 0. NaN stays NaN.
    /// </summary>
    /// <remarks>
    /// x = n·ln 2 + r (ln 2 split in two so that n·ln 2 is exact), e^r by a degree-6 polynomial (the classic Cephes
    /// expf coefficients), 2^n written into the exponent bits. The clamp keeps 2^n a normal float: enough for sigmoid
    /// and tanh, which saturate long before.
    /// </remarks>
    // n = round(x·log₂e) comes from adding 1.5·2²³, which leaves n in the low mantissa bits: they are shifted
    // straight into the exponent field, so neither a floor nor a float-to-int conversion is needed. Max and Min return
    // their second operand when one is NaN, so the clamp lets NaN through.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static TVector ExpParts<TVector, TSimd>(TVector x, out TVector scale) where TVector : struct where TSimd : ISimd<TVector>
    {
        x = TSimd.Min(TSimd.Create(88f), TSimd.Max(TSimd.Create(-87f), x));
        TVector shifter = TSimd.Create(12582912f);
        TVector shifted = TSimd.MultiplyAdd(x, TSimd.Create(1.44269504088896341f), shifter);
        TVector n = TSimd.Subtract(shifted, shifter);
        TVector r = TSimd.MultiplyAdd(n, TSimd.Create(-0.693359375f), x);
        r = TSimd.MultiplyAdd(n, TSimd.Create(2.12194440e-4f), r);
        TVector p = TSimd.MultiplyAdd(r, TSimd.Create(1.9875691500e-4f), TSimd.Create(1.3981999507e-3f));
        p = TSimd.MultiplyAdd(p, r, TSimd.Create(8.3334519073e-3f));
        p = TSimd.MultiplyAdd(p, r, TSimd.Create(4.1665795894e-2f));
        p = TSimd.MultiplyAdd(p, r, TSimd.Create(1.6666665459e-1f));
        p = TSimd.MultiplyAdd(p, r, TSimd.Create(5.0000001201e-1f));
        scale = TSimd.ShiftLeftInt32(TSimd.AddInt32(shifted, 127 - 0x4B400000), 23);
        return TSimd.MultiplyAdd(p, TSimd.Multiply(r, r), r);
    }
}
