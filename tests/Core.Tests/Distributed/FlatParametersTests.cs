using NotebookRnn.Distributed;
using NotebookRnn.Layers;
using NotebookRnn.Tensors;

namespace NotebookRnn.Tests.Distributed;

public class FlatParametersTests
{
    private static Parameter[] Numbered()
    {
        Parameter[] parameters = [new("a", new Tensor(3)), new("b", new Tensor(2, 2)), new("c", new Tensor(5))];
        int next = 0;
        foreach (Parameter parameter in parameters)
            for (int i = 0; i < parameter.Value.Length; i++) (parameter.Value.Span[i], parameter.Gradient.Span[i]) = (next, -next++);
        return parameters;
    }

    [Theory]
    [InlineData(0, 12)]
    [InlineData(2, 4)]
    [InlineData(3, 4)]
    [InlineData(6, 6)]
    [InlineData(11, 1)]
    [InlineData(12, 0)]
    public void Any_range_of_the_gradient_vector_crosses_parameter_ends(int start, int length)
    {
        Parameter[] parameters = Numbered();
        var range = new float[length];
        FlatParameters.CopyGradients(parameters, start, range);
        Assert.Equal(Enumerable.Range(start, length).Select(i => (float)-i), range);
    }

    [Fact]
    public void Values_and_gradients_go_out_and_back_in_parameter_order()
    {
        Parameter[] parameters = Numbered();
        Assert.Equal(12, FlatParameters.Count(parameters));
        var values = new float[12];
        FlatParameters.CopyValues(parameters, values);
        Assert.Equal(Enumerable.Range(0, 12).Select(i => (float)i), values);
        FlatParameters.SetValues([.. values.Select(v => v * 2)], parameters);
        FlatParameters.SetGradients([.. values.Select(v => v + 100)], parameters);
        Assert.Equal([6f, 8f, 10f, 12f], parameters[1].Value.ToArray());
        Assert.Equal([103f, 104f, 105f, 106f], parameters[1].Gradient.ToArray());
    }
}
