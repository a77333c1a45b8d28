using NotebookRnn.Layers;
using NotebookRnn.Tensors;

namespace NotebookRnn.Models;

/// <summary>
/// Keras's <c>model.get_weights()</c> and <c>model.set_weights(…)</c> for <see cref="Sequential"/>: every layer's weights in
/// layer order, each layer's in its own Keras order (<see cref="Layer.GetWeights"/>), e.g. for an LSTM then a Dense:
/// lstm kernel, recurrent kernel, bias, dense kernel, bias.
/// </summary>
public static class ModelWeights
{
    /// <summary>Copies of all weight values, in layer order (Keras <c>get_weights</c>).</summary>
    /// <exception cref="InvalidOperationException">The model is not built.</exception>
    public static IReadOnlyList<Tensor> GetWeights(this Model model)
    {
        ArgumentNullException.ThrowIfNull(model);
        RequireBuilt(model);
        return [.. model.Parameters.Select(p => p.Value.Clone())];
    }

    /// <summary>
    /// Sets all weight values from <paramref name="weights"/>, in the order of <see cref="GetWeights"/> (Keras
    /// <c>set_weights</c>); the values are copied into the existing weights, so a compiled model trains on from them.
    /// </summary>
    /// <exception cref="InvalidOperationException">The model is not built.</exception>
    /// <exception cref="ArgumentException">A different number of weights, or one of another shape; nothing is changed.</exception>
    public static void SetWeights(this Model model, IReadOnlyList<Tensor> weights)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(weights);
        RequireBuilt(model);
        IReadOnlyList<Parameter> parameters = model.Parameters;
        WeightValues.Check(model.Name, parameters, weights, nameof(weights));
        for (int i = 0; i < parameters.Count; i++) weights[i].Span.CopyTo(parameters[i].Value.Span);
    }

    private static void RequireBuilt(Model model)
    {
        if (!model.IsBuilt)
            throw new InvalidOperationException(
                $"Model '{model.Name}' has no weights yet: give its first layer an inputShape, call Build(inputShape), or call Fit/Predict with data.");
    }
}
