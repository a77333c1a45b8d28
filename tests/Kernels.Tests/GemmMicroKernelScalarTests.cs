namespace NotebookRnn.Kernels.Tests;

/// <summary>The portable 4×4 micro-kernel, tile by tile.</summary>
public class GemmMicroKernelScalarTests
{
    [Fact]
    public void A_tile_matches_the_product_at_every_depth_up_to_20_and_a_long_one()
    {
        Assert.Equal((4, 4), (GemmMicroKernelScalar.Rows, GemmMicroKernelScalar.Columns));
        foreach (int depth in Enumerable.Range(0, 21).Append(300)) GemmTile.AssertMatchesReference<GemmMicroKernelScalar>(depth);
    }

    [Fact]
    public void A_ragged_panel_computes_only_its_rows_and_gives_the_full_tiles_numbers()
    {
        foreach (int depth in new[] { 0, 1, 7, 300 }) GemmTile.AssertRowsMatchFullTile<GemmMicroKernelScalar>(depth);
    }
}
