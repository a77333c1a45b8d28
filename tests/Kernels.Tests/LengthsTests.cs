namespace NotebookRnn.Kernels.Tests;

/// <summary>The argument errors every public kernel entry raises.</summary>
public class LengthsTests
{
    [Fact]
    public void A_short_span_is_named_with_the_length_it_needs_why_and_the_length_it_got()
    {
        var error = Assert.Throws<ArgumentException>(() => Lengths.AtLeast(3, 8, "gates", "n·4·units"));
        Assert.Equal("gates", error.ParamName);
        Assert.StartsWith("gates must hold at least 8 values (n·4·units), got 3.", error.Message);
        Lengths.AtLeast(8, 8, "gates", "n·4·units");
    }

    [Fact]
    public void Negative_sizes_and_partial_rows_are_errors()
    {
        Assert.Equal("n", Assert.Throws<ArgumentOutOfRangeException>(() => Lengths.NotNegative(-1, "n")).ParamName);
        var rows = Assert.Throws<ArgumentException>(() => Lengths.WholeRows(7, 3, "x", "rowLength"));
        Assert.StartsWith("x must hold whole rows of rowLength = 3 values, got 7 values.", rows.Message);
        Assert.Throws<ArgumentException>(() => Lengths.WholeRows(4, 0, "x", "rowLength"));
        Lengths.WholeRows(0, 0, "x", "rowLength");
        Lengths.WholeRows(6, 3, "x", "rowLength");
    }
}
