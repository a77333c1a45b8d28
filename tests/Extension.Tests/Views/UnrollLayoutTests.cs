using NotebookRnn.Notebook.Views;
using NotebookRnn.Layers;
using NotebookRnn.Layers.Recurrent;
using NotebookRnn.Layers.Wrappers;

namespace NotebookRnn.Notebook.Tests.Views;

public class UnrollLayoutTests
{
    private static UnrollLayout Layout(Layer layer, int maxSteps = 24) => new(layer switch
    {
        Bidirectional bi => [new UnrollRow("forward", bi.ForwardLayer.LastPlan!), new UnrollRow("backward", bi.BackwardLayer.LastPlan!, Backward: true)],
        RecurrentLayer rnn => [new UnrollRow("rnn", rnn.LastPlan!)],
        _ => throw new ArgumentException($"Expected a recurrent layer, got {layer.GetType().Name}.", nameof(layer)),
    }, maxSteps);

    [Theory]
    [InlineData(3, 10, 3)]
    [InlineData(11, 10, 11)]
    [InlineData(60, 10, 11)]
    [InlineData(60, 9, 10)]
    [InlineData(60, 1, 3)]
    public void Columns_keep_every_step_up_to_the_limit_then_one_gap_between_the_first_and_last(int steps, int shown, int columns)
    {
        IReadOnlyList<int?> drawn = UnrollLayout.Columns(steps, shown);
        Assert.Equal(columns, drawn.Count);
        Assert.Equal(0, drawn[0]);
        Assert.Equal(steps - 1, drawn[^1]);
    }

    // Budget at 1,078 px: 170 px left of the cells, 12 px margin, a 68 px pitch per step and 126 px for the gap column.
    // 13 cells fit alone (13 × 68 − 22 = 862 ≤ 896); beside the gap, 11 (11 × 68 + 126 − 22 = 852).
    [Theory]
    [InlineData(nameof(Fixtures.Recurrent.Lstm), 13, 0, 13, 0)]
    [InlineData(nameof(Fixtures.Recurrent.Lstm), 14, 0, 11, 3)]
    [InlineData(nameof(Fixtures.Recurrent.Lstm), 400, 0, 11, 389)]
    [InlineData(nameof(Fixtures.Recurrent.Lstm), 400, 2, 9, 391)]
    [InlineData(nameof(Fixtures.Recurrent.UnrolledBidirectionalLstm), 400, 0, 10, 390)]
    [InlineData(nameof(Fixtures.Recurrent.UnrolledBidirectionalLstm), 400, 2, 8, 392)]
    public void Steps_that_do_not_fit_legibly_are_hidden_even_below_the_cap(string kind, int steps, int notRunSteps,
        int shown, int hidden)
    {
        UnrollLayout layout = Layout(Fixtures.RecurrentAfterBatch(Enum.Parse<Fixtures.Recurrent>(kind), steps, notRunSteps), maxSteps: 24);
        Assert.Equal(shown, layout.ColumnsOf(0).Count(c => c is not null));
        Assert.Equal(hidden, layout.HiddenSteps(0));
        Assert.InRange(layout.Width, 900, 1078);
    }

    [Fact]
    public void A_cap_below_the_budget_wins()
    {
        UnrollLayout layout = Layout(Fixtures.RecurrentAfterBatch(Fixtures.Recurrent.Lstm, 400), maxSteps: 4);
        Assert.Equal([0, 1, null, 398, 399], layout.ColumnsOf(0));
        Assert.Equal(396, layout.HiddenSteps(0));
    }

    [Fact]
    public void The_rows_of_a_bidirectional_layer_keep_their_columns_one_above_the_other()
    {
        UnrollLayout layout = Layout(Fixtures.RecurrentAfterBatch(Fixtures.Recurrent.UnrolledBidirectionalLstm, 40, 2));
        Assert.Equal(layout.ColumnsOf(0), layout.ColumnsOf(1));
        Assert.Equal(layout.Lefts(0).Order(), layout.Lefts(1).Order());
        Assert.Equal(layout.Lefts(0), layout.Lefts(1).Reverse());
    }

    [Fact]
    public void The_gap_column_is_wider_than_a_cell_and_the_columns_after_it_move_along()
    {
        UnrollLayout layout = Layout(Fixtures.RecurrentAfterBatch(Fixtures.Recurrent.Lstm, 100));
        double[] lefts = layout.Lefts(0);
        int gap = layout.ColumnsOf(0).ToList().IndexOf(null);
        Assert.Equal([170, 238, 306, 374, 442, 510, 578, 704, 772, 840, 908, 976], lefts);
        Assert.Equal(6, gap);
        Assert.Equal(976 + 46, layout.CellsRight(0));
    }
}
