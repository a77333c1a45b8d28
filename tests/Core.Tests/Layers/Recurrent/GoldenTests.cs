using NotebookRnn.Layers.Recurrent;
using NotebookRnn.Tensors;

namespace NotebookRnn.Tests.Layers.Recurrent;

/// <summary>
/// Outputs, final states and every gradient against PyTorch golden values (tests/Fixtures), within 1e-5, on both
/// the packed and the dense masked path.
/// </summary>
public class GoldenTests
{
    public static TheoryData<string, bool> SingleLayerCases()
    {
        var data = new TheoryData<string, bool>();
        foreach (string name in RnnFixture.Names.Where(n => !n.StartsWith("bidirectional", StringComparison.Ordinal)))
        {
            data.Add(name, true);
            data.Add(name, false);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(SingleLayerCases))]
    public void Layer_matches_pytorch_outputs_states_and_gradients(string name, bool packing)
    {
        RnnFixture fixture = RnnFixture.Load(name);
        RecurrentLayer layer = fixture.CreateLayer(goBackwards: fixture.GoBackwards);
        layer.Packing = packing;
        RecurrentOutput result = layer.Call(fixture.Input, fixture.Mask, training: true);
        RnnFixture.AssertClose("output", fixture.Get("outputs/output")!, result.Output.Span);
        RnnFixture.AssertClose("h", fixture.Get("outputs/final_states/h")!, result.States[0].Span);
        if (fixture.Cell == "lstm") RnnFixture.AssertClose("c", fixture.Get("outputs/final_states/c")!, result.States[1].Span);

        Tensor? dx = layer.BackwardWithStates(fixture.Get("upstream/output")!,
            [fixture.Get("upstream/final_states/h"), fixture.Get("upstream/final_states/c")]);
        RnnFixture.AssertClose("dx", fixture.Get("grads/input")!, dx!.Span);
        RnnFixture.AssertClose("dkernel", fixture.Get("grads/kernel")!, layer.Kernel.Gradient.Span);
        RnnFixture.AssertClose("drecurrent_kernel", fixture.Get("grads/recurrent_kernel")!, layer.RecurrentKernel.Gradient.Span);
        if (layer.Bias is not null) RnnFixture.AssertClose("dbias", fixture.Get("grads/bias")!, layer.Bias.Gradient.Span);
        Assert.Equal(fixture.Mask is not null && packing, layer.LastPlan!.Packed);
        Assert.Equal(name == "lstm_one_hot", layer.LastInputsWereSparse);
    }

    [Theory]
    [MemberData(nameof(SingleLayerCases))]
    public void Inference_gives_the_outputs_and_states_of_a_training_forward_bit_for_bit(string name, bool packing)
    {
        RnnFixture fixture = RnnFixture.Load(name);
        RecurrentLayer layer = fixture.CreateLayer(goBackwards: fixture.GoBackwards);
        layer.Packing = packing;
        RecurrentOutput trained = layer.Call(fixture.Input, fixture.Mask, training: true);
        float[] output = trained.Output.Span.ToArray(), h = trained.States[0].Span.ToArray();
        RecurrentOutput inferred = layer.Call(fixture.Input, fixture.Mask, training: false);
        Assert.Equal(output, inferred.Output.Span.ToArray());
        Assert.Equal(h, inferred.States[0].Span.ToArray());
        RnnFixture.AssertClose("output", fixture.Get("outputs/output")!, inferred.Output.Span);
    }
}
