using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace NotebookRnn.Kernels;

/// <summary>
/// Copies a block of A or B into the panel layout the micro-kernels read: panels of <c>width</c> lanes (rows of
/// A or columns of B), each stored depth-major (<c>width</c> consecutive floats per depth step), so transposes
/// are resolved here once instead of in the inner loop. A ragged last panel is zero-padded: its extra lanes only
/// feed tile entries that are thrown away, but zeros keep stale NaNs or denormals out of the FPU.
/// Every loop is AggressiveOptimization: as tier-0 code each Vector128/256 load and store would be a call.
/// </summary>
internal static unsafe class GemmPacking
{
    /// <summary>
    /// Packs <paramref name="lanes"/> lanes × <paramref name="depth"/> steps starting at <paramref name="source"/>.
    /// When <paramref name="lanesContiguous"/>, lane l of step p is <c>source[p·stride + l]</c>; otherwise it is
    /// <c>source[l·stride + p]</c>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Pack(float* source, nint stride, bool lanesContiguous, int lanes, int depth, int width,
        float* destination)
    {
        for (int first = 0; first < lanes; first += width, destination += (nint)depth * width)
        {
            int valid = Math.Min(width, lanes - first);
            if (lanesContiguous) CopySteps(source + first, stride, depth, valid, width, destination);
            else GatherLanes(source + first * stride, stride, depth, valid, width, destination);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void CopySteps(float* source, nint stride, int depth, int valid, int width, float* destination)
    {
        for (int p = 0; p < depth; p++, source += stride, destination += width)
        {
            int lane = 0;
            if (Vector256.IsHardwareAccelerated)
                for (; lane <= valid - 8; lane += 8) Vector256.Load(source + lane).Store(destination + lane);
            for (; lane <= valid - 4; lane += 4) Vector128.Load(source + lane).Store(destination + lane);
            for (; lane < valid; lane++) destination[lane] = source[lane];
            for (; lane < width; lane++) destination[lane] = 0;
        }
    }

    /// <summary>Transposes while packing: lanes are rows of the source, read contiguously.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void GatherLanes(float* source, nint stride, int depth, int valid, int width, float* destination)
    {
        int lane = 0;
        if (Sse.IsSupported)
            for (; lane <= valid - 4; lane += 4)
                GatherFourLanes(source + lane * stride, stride, depth, width, destination + lane);
        if (Sse.IsSupported)
            for (; lane <= valid - 2; lane += 2)
                GatherTwoLanes(source + lane * stride, stride, depth, width, destination + lane);
        for (; lane < valid; lane++)
        {
            float* from = source + lane * stride;
            for (int p = 0; p < depth; p++) destination[(nint)p * width + lane] = from[p];
        }

        if (valid == width) return;
        for (int p = 0; p < depth; p++) new Span<float>(destination + (nint)p * width + valid, width - valid).Clear();
    }

    /// <summary>
    /// Two source rows become two lanes, four depth steps at a time: the last two rows of the AVX2 kernel's 6-row
    /// panels, which element by element took as long as the four before them together.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void GatherTwoLanes(float* source, nint stride, int depth, int width, float* destination)
    {
        float* row0 = source, row1 = source + stride;
        int p = 0;
        for (; p <= depth - 4; p += 4)
        {
            Vector128<float> r0 = Sse.LoadVector128(row0 + p), r1 = Sse.LoadVector128(row1 + p);
            Vector128<float> low = Sse.UnpackLow(r0, r1), high = Sse.UnpackHigh(r0, r1);
            float* to = destination + (nint)p * width;
            Sse.StoreLow(to, low);
            Sse.StoreHigh(to + width, low);
            Sse.StoreLow(to + 2 * width, high);
            Sse.StoreHigh(to + 3 * width, high);
        }

        for (; p < depth; p++)
        {
            float* to = destination + (nint)p * width;
            to[0] = row0[p];
            to[1] = row1[p];
        }
    }

    /// <summary>Four source rows become four lanes, four depth steps at a time (a 4×4 SSE transpose).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void GatherFourLanes(float* source, nint stride, int depth, int width, float* destination)
    {
        float* row0 = source, row1 = source + stride, row2 = source + 2 * stride, row3 = source + 3 * stride;
        int p = 0;
        for (; p <= depth - 4; p += 4)
        {
            Vector128<float> r0 = Sse.LoadVector128(row0 + p), r1 = Sse.LoadVector128(row1 + p);
            Vector128<float> r2 = Sse.LoadVector128(row2 + p), r3 = Sse.LoadVector128(row3 + p);
            Vector128<float> t0 = Sse.UnpackLow(r0, r1), t1 = Sse.UnpackLow(r2, r3);
            Vector128<float> t2 = Sse.UnpackHigh(r0, r1), t3 = Sse.UnpackHigh(r2, r3);
            float* to = destination + (nint)p * width;
            Sse.MoveLowToHigh(t0, t1).Store(to);
            Sse.MoveHighToLow(t1, t0).Store(to + width);
            Sse.MoveLowToHigh(t2, t3).Store(to + 2 * width);
            Sse.MoveHighToLow(t3, t2).Store(to + 3 * width);
        }

        for (; p < depth; p++)
        {
            float* to = destination + (nint)p * width;
            to[0] = row0[p];
            to[1] = row1[p];
            to[2] = row2[p];
            to[3] = row3[p];
        }
    }
}
