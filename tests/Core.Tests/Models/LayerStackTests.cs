using NotebookRnn.Layers;
using NotebookRnn.Layers.Recurrent;
using NotebookRnn.Models;

namespace NotebookRnn.Tests.Models;

/// <summary>A model's layers are built one after the other as soon as the input shape is known, so a misfit fails at Add.</summary>
public class LayerStackTests
{
    [Fact]
    public void Adding_a_layer_that_cannot_take_the_previous_output_fails_at_add()
    {
        var model = new Sequential([new Dense(3, inputShape: [null, 2])]);
        var error = Assert.Throws<ArgumentException>(() => model.Add(new Flatten()));
        Assert.Contains("(None, 3)", error.Message);
    }

    [Fact]
    public void Shape_mismatches_between_layers_fail_when_the_layer_is_added()
    {
        var model = new Sequential([new LSTM(4, inputShape: [null, 3])]);
        var error = Assert.Throws<ArgumentException>(() => model.Add(new GRU(2)));
        Assert.Contains("(batch, timesteps, features)", error.Message);
        Assert.Contains("(None, 4)", error.Message);
    }
}
