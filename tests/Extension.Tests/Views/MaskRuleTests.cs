using NotebookRnn.Layers;
using NotebookRnn.Layers.Recurrent;
using NotebookRnn.Layers.Reshaping;
using NotebookRnn.Models;
using NotebookRnn.Notebook.Views;

namespace NotebookRnn.Notebook.Tests.Views;

/// <summary>The static rule of where a mask goes (<see cref="MaskFlow.Carries"/>), one test per rule.</summary>
public class MaskRuleTests
{
    // Builds the layers as a Sequential model on the given sample shape, and returns them.
    private static T Built<T>(T layer, int?[] inputShape) where T : Layer
    {
        new Sequential([layer], seed: 1).Build(inputShape);
        return layer;
    }

    [Fact]
    public void An_embedding_with_mask_zero_starts_a_mask()
    {
        Assert.True(MaskFlow.Carries(Built(new Embedding(10, 4, maskZero: true), [null]), [false]));
        Assert.False(MaskFlow.Carries(Built(new Embedding(10, 4), [null]), [false]));
    }

    [Fact]
    public void Masking_starts_a_mask()
    {
        Assert.True(MaskFlow.Carries(Built(new Masking(), [null, 5]), [false]));
    }

    [Fact]
    public void A_layer_that_supports_masking_passes_it_on_while_its_output_keeps_the_time_axis()
    {
        Assert.True(MaskFlow.Carries(Built(new LSTM(3, returnSequences: true), [null, 4]), [true]));
        Assert.True(MaskFlow.Carries(Built(new Dense(2), [null, 4]), [true]));
        Assert.False(MaskFlow.Carries(Built(new Dense(2), [null, 4]), [false]));
    }

    [Fact]
    public void A_recurrent_layer_without_return_sequences_consumes_the_mask()
    {
        Assert.False(MaskFlow.Carries(Built(new LSTM(3), [null, 4]), [true]));
        Assert.False(MaskFlow.Carries(Built(new GRU(3, returnState: true), [null, 4]), [true]));
    }

    [Fact]
    public void A_layer_that_does_not_support_masking_stops_it_and_is_flagged_as_rejecting_it()
    {
        var repeat = Built(new RepeatVector(3), [4]);
        Assert.False(MaskFlow.Carries(repeat, [true]));
        Assert.True(MaskFlow.Rejects(repeat, MaskPresence.Always));
        Assert.False(MaskFlow.Rejects(repeat, MaskPresence.None));
    }
}
