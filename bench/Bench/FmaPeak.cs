using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Bench;

/// <summary>
/// The machine's measured single-core FMA peak: a register-resident loop of independent fused multiply-adds, on 512-bit
/// vectors where .NET accelerates them and on 256-bit vectors where the CPU has FMA; null where the width is not available.
/// It is the denominator of the figure of merit (issue 18): a configuration's achieved GFLOP/s against this peak.
/// </summary>
internal sealed record FmaPeak(double? Vector512Gflops, double? Vector256Gflops)
{
    // 12 independent accumulators: more than FMA latency (4 cycles) × FMA ports (2) needs, and they fit 16 ymm registers.
    private const int Accumulators = 12;
    private const long Iterations = 4_000_000;
    private const int Measurements = 25;

    public static FmaPeak Measure() => new(
        Vector512.IsHardwareAccelerated ? Best(Loop512, Vector512<float>.Count) : null,
        Fma.IsSupported ? Best(Loop256, Vector256<float>.Count) : null);

    /// <summary>The peak at the vector width our engine runs: 512-bit where AVX-512 is on, else 256-bit.</summary>
    public double? EngineGflops => Avx512F.IsSupported && Vector512Gflops is not null ? Vector512Gflops : Vector256Gflops;

    public override string ToString() =>
        $"Vector512 {(Vector512Gflops is double a ? $"{a:0.0} GFLOP/s" : "n/a")}, Vector256 {(Vector256Gflops is double b ? $"{b:0.0} GFLOP/s" : "n/a")}";

    // Each iteration: Accumulators FMAs of `lanes` floats, 2 FLOPs each. Many short runs (about 10 ms each), the best kept:
    // on a shared machine some of them run without being preempted.
    private static double Best(Func<long, float> loop, int lanes)
    {
        loop(Iterations / 100);
        double best = 0;
        for (int i = 0; i < Measurements; i++)
        {
            long start = Stopwatch.GetTimestamp();
            loop(Iterations);
            double seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
            best = Math.Max(best, 2.0 * Accumulators * lanes * Iterations / seconds / 1e9);
        }
        return best;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static float Loop512(long iterations)
    {
        Vector512<float> a = Vector512.Create(0.999f), b = Vector512.Create(1e-3f);
        Vector512<float> c0 = a, c1 = a, c2 = a, c3 = a, c4 = a, c5 = a, c6 = a, c7 = a, c8 = a, c9 = a, c10 = a, c11 = a;
        for (long i = 0; i < iterations; i++)
        {
            c0 = Vector512.FusedMultiplyAdd(c0, a, b); c1 = Vector512.FusedMultiplyAdd(c1, a, b);
            c2 = Vector512.FusedMultiplyAdd(c2, a, b); c3 = Vector512.FusedMultiplyAdd(c3, a, b);
            c4 = Vector512.FusedMultiplyAdd(c4, a, b); c5 = Vector512.FusedMultiplyAdd(c5, a, b);
            c6 = Vector512.FusedMultiplyAdd(c6, a, b); c7 = Vector512.FusedMultiplyAdd(c7, a, b);
            c8 = Vector512.FusedMultiplyAdd(c8, a, b); c9 = Vector512.FusedMultiplyAdd(c9, a, b);
            c10 = Vector512.FusedMultiplyAdd(c10, a, b); c11 = Vector512.FusedMultiplyAdd(c11, a, b);
        }
        return Vector512.Sum(c0 + c1 + c2 + c3 + c4 + c5 + c6 + c7 + c8 + c9 + c10 + c11); // keeps the loop alive
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static float Loop256(long iterations)
    {
        Vector256<float> a = Vector256.Create(0.999f), b = Vector256.Create(1e-3f);
        Vector256<float> c0 = a, c1 = a, c2 = a, c3 = a, c4 = a, c5 = a, c6 = a, c7 = a, c8 = a, c9 = a, c10 = a, c11 = a;
        for (long i = 0; i < iterations; i++)
        {
            c0 = Fma.MultiplyAdd(c0, a, b); c1 = Fma.MultiplyAdd(c1, a, b); c2 = Fma.MultiplyAdd(c2, a, b);
            c3 = Fma.MultiplyAdd(c3, a, b); c4 = Fma.MultiplyAdd(c4, a, b); c5 = Fma.MultiplyAdd(c5, a, b);
            c6 = Fma.MultiplyAdd(c6, a, b); c7 = Fma.MultiplyAdd(c7, a, b); c8 = Fma.MultiplyAdd(c8, a, b);
            c9 = Fma.MultiplyAdd(c9, a, b); c10 = Fma.MultiplyAdd(c10, a, b); c11 = Fma.MultiplyAdd(c11, a, b);
        }
        return Vector256.Sum(c0 + c1 + c2 + c3 + c4 + c5 + c6 + c7 + c8 + c9 + c10 + c11);
    }
}
