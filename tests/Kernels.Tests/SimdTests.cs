using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace NotebookRnn.Kernels.Tests;

/// <summary>Every ISimd member of every width this machine runs, lane by lane against the scalar operation.</summary>
public class SimdTests
{
    public static TheoryData<int> Widths() =>
        [.. new[] { (128, Vector128.IsHardwareAccelerated), (256, Vector256.IsHardwareAccelerated), (512, Avx512F.IsSupported) }
            .Where(w => w.Item2).Select(w => w.Item1)];

    [Theory, MemberData(nameof(Widths))]
    public void Every_member_computes_its_scalar_operation_in_every_lane(int bits)
    {
        switch (bits)
        {
            case 512: SimdChecks<Vector512<float>, Simd512>.AllMembers(fusedMultiplyAdd: true); break;
            case 256: SimdChecks<Vector256<float>, Simd256>.AllMembers(fusedMultiplyAdd: Fma.IsSupported); break;
            default: SimdChecks<Vector128<float>, Simd128>.AllMembers(fusedMultiplyAdd: Fma.IsSupported); break;
        }
    }

    private static unsafe class SimdChecks<TVector, TSimd> where TVector : struct where TSimd : ISimd<TVector>
    {
        public static void AllMembers(bool fusedMultiplyAdd)
        {
            int n = TSimd.Count;
            Assert.Equal(n, System.Runtime.CompilerServices.Unsafe.SizeOf<TVector>() / sizeof(float));
            float[] a = Values(n, 0), b = Values(n, 1), c = Values(n, 2);
            a[0] = float.NaN;
            b[1] = float.NaN;
            b[2] = a[2];
            TVector va = Of(a), vb = Of(b), vc = Of(c);
            Assert.Equal(new float[n], Lanes(TSimd.Zero));
            Assert.Equal(Enumerable.Repeat(1f, n), Lanes(TSimd.One));
            Assert.Equal(Enumerable.Repeat(-2.5f, n), Lanes(TSimd.Create(-2.5f)));
            Lanewise(TSimd.Add(va, vb), i => a[i] + b[i]);
            Lanewise(TSimd.Subtract(va, vb), i => a[i] - b[i]);
            Lanewise(TSimd.Negate(va), i => -a[i]);
            Lanewise(TSimd.Multiply(va, vb), i => a[i] * b[i]);
            Lanewise(TSimd.Divide(va, vb), i => a[i] / b[i]);
            Bitwise(TSimd.And(va, vb), i => Bits(a[i]) & Bits(b[i]));
            Bitwise(TSimd.Or(va, vb), i => Bits(a[i]) | Bits(b[i]));
            Lanewise(TSimd.MultiplyAdd(va, vb, vc), i => fusedMultiplyAdd ? MathF.FusedMultiplyAdd(a[i], b[i], c[i]) : a[i] * b[i] + c[i]);
            Lanewise(TSimd.Max(va, vb), i => float.IsNaN(a[i]) || float.IsNaN(b[i]) ? b[i] : Math.Max(a[i], b[i]));
            Lanewise(TSimd.Min(va, vb), i => float.IsNaN(a[i]) || float.IsNaN(b[i]) ? b[i] : Math.Min(a[i], b[i]));
            Bitwise(TSimd.GreaterThan(va, vb), i => a[i] > b[i] ? -1 : 0);
            Bitwise(TSimd.LessThan(va, vb), i => a[i] < b[i] ? -1 : 0);
            Bitwise(TSimd.LessThanOrEqual(va, vb), i => a[i] <= b[i] ? -1 : 0);
            Lanewise(TSimd.ConditionalSelect(TSimd.GreaterThan(va, vb), va, vc), i => a[i] > b[i] ? a[i] : c[i]);
            Bitwise(TSimd.AddInt32(vc, 1000), i => Bits(c[i]) + 1000);
            Bitwise(TSimd.ShiftLeftInt32(vc, 7), i => Bits(c[i]) << 7);
            float[] stored = new float[3 * n];
            TSimd.Store(TSimd.Load(ref c[0], 0), ref stored[0], (nuint)n);
            Assert.Equal([.. new float[n], .. c, .. new float[n]], stored);
        }

        private static void Lanewise(TVector actual, Func<int, float> expected) =>
            Assert.Equal(Enumerable.Range(0, TSimd.Count).Select(expected), Lanes(actual));

        private static void Bitwise(TVector actual, Func<int, int> expected) =>
            Assert.Equal(Enumerable.Range(0, TSimd.Count).Select(expected), Lanes(actual).Select(Bits));

        private static int Bits(float value) => BitConverter.SingleToInt32Bits(value);

        private static float[] Lanes(TVector vector)
        {
            float[] lanes = new float[TSimd.Count];
            fixed (float* destination = lanes) TSimd.Store(vector, destination);
            return lanes;
        }

        private static TVector Of(float[] values)
        {
            fixed (float* source = values) return TSimd.Load(source);
        }

        private static float[] Values(int n, double phase) =>
            [.. Enumerable.Range(0, n).Select(i => (float)(Math.Sin(i * 1.3 + phase) * 3 + 0.1))];
    }
}
