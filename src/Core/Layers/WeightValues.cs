using NotebookRnn.Tensors;

namespace NotebookRnn.Layers;

/// <summary>The checks of Keras's <c>set_weights</c>, shared by layers and models, made before any value is copied.</summary>
internal static class WeightValues
{
    /// <summary>Checks that <paramref name="weights"/> has one tensor per parameter, each of the parameter's shape.</summary>
    /// <param name="owner">The layer or model, for messages.</param>
    /// <param name="parameters">The weights being set, in order.</param>
    /// <param name="weights">The new values.</param>
    /// <param name="argument">The argument name for the exception.</param>
    /// <exception cref="ArgumentException">A count or a shape differs; the message names both.</exception>
    public static void Check(string owner, IReadOnlyList<Parameter> parameters, IReadOnlyList<Tensor> weights, string argument)
    {
        if (weights.Count != parameters.Count)
            throw new ArgumentException(
                $"SetWeights on '{owner}' got a list of {weights.Count} weights, but '{owner}' has {parameters.Count} " +
                $"({string.Join(", ", parameters)}).", argument);
        for (int i = 0; i < weights.Count; i++)
        {
            ArgumentNullException.ThrowIfNull(weights[i], $"{argument}[{i}]");
            if (!weights[i].Shape.SequenceEqual(parameters[i].Value.Shape))
                throw new ArgumentException(
                    $"SetWeights on '{owner}': weight {i} ({parameters[i].Name}) has shape {Tensor.ShapeText(parameters[i].Value.Shape)}, " +
                    $"got {Tensor.ShapeText(weights[i].Shape)}.", argument);
        }
    }
}
