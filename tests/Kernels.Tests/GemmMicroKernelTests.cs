using System.Runtime.Intrinsics;

namespace NotebookRnn.Kernels.Tests;

/// <summary>The one SIMD micro-kernel, instantiated for every vector width this machine runs, tile by tile.</summary>
public class GemmMicroKernelTests
{
    public static TheoryData<GemmPath> VectorPaths() =>
        [.. new[] { GemmPath.Vector128, GemmPath.Vector256, GemmPath.Vector512 }.Where(Gemm.IsSupported)];

    [Theory, MemberData(nameof(VectorPaths))]
    public void Each_width_has_its_tile_shape(GemmPath path)
    {
        (int rows, int columns) = path switch
        {
            GemmPath.Vector512 => (GemmMicroKernel<Vector512<float>, Simd512>.Rows, GemmMicroKernel<Vector512<float>, Simd512>.Columns),
            GemmPath.Vector256 => (GemmMicroKernel<Vector256<float>, Simd256>.Rows, GemmMicroKernel<Vector256<float>, Simd256>.Columns),
            _ => (GemmMicroKernel<Vector128<float>, Simd128>.Rows, GemmMicroKernel<Vector128<float>, Simd128>.Columns),
        };
        Assert.Equal(path switch { GemmPath.Vector512 => (8, 32), GemmPath.Vector256 => (6, 16), _ => (6, 8) }, (rows, columns));
    }

    [Theory, MemberData(nameof(VectorPaths))]
    public void A_tile_matches_the_product_at_every_depth_up_to_20_and_a_long_one(GemmPath path)
    {
        foreach (int depth in Enumerable.Range(0, 21).Append(300))
        {
            switch (path)
            {
                case GemmPath.Vector512: GemmTile.AssertMatchesReference<GemmMicroKernel<Vector512<float>, Simd512>>(depth); break;
                case GemmPath.Vector256: GemmTile.AssertMatchesReference<GemmMicroKernel<Vector256<float>, Simd256>>(depth); break;
                default: GemmTile.AssertMatchesReference<GemmMicroKernel<Vector128<float>, Simd128>>(depth); break;
            }
        }
    }

    [Theory, MemberData(nameof(VectorPaths))]
    public void A_ragged_panel_computes_only_its_rows_and_gives_the_full_tiles_numbers(GemmPath path)
    {
        foreach (int depth in new[] { 0, 1, 7, 300 })
        {
            switch (path)
            {
                case GemmPath.Vector512: GemmTile.AssertRowsMatchFullTile<GemmMicroKernel<Vector512<float>, Simd512>>(depth); break;
                case GemmPath.Vector256: GemmTile.AssertRowsMatchFullTile<GemmMicroKernel<Vector256<float>, Simd256>>(depth); break;
                default: GemmTile.AssertRowsMatchFullTile<GemmMicroKernel<Vector128<float>, Simd128>>(depth); break;
            }
        }
    }
}
