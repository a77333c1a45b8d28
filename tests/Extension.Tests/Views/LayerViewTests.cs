using NotebookRnn.Constraints;
using NotebookRnn.Layers;
using NotebookRnn.Regularizers;

namespace NotebookRnn.Notebook.Tests.Views;

public class LayerViewTests
{
    [Fact]
    public void Objects_with_arguments_are_shown_as_their_Keras_call_and_named_ones_by_name()
    {
        var dense = new Dense(3, kernelRegularizer: new L2(0.1), biasRegularizer: "l1", kernelConstraint: new MaxNorm(3, axis: 1));
        string text = Renderers.Render(dense, Fixtures.Options())!.PlainText!;
        Assert.Contains("L2(l2=0.1)", text);
        Assert.Contains("MaxNorm(max_value=3, axis=1)", text);
        Assert.Contains("l1", text);
        Assert.Contains("glorot_uniform", text);
    }
}
