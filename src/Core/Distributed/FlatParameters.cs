using NotebookRnn.Layers;

namespace NotebookRnn.Distributed;

/// <summary>A list of parameters seen as one vector: parameter after parameter, each in its own element order.</summary>
internal static class FlatParameters
{
    /// <summary>The number of values of all the parameters.</summary>
    public static int Count(IReadOnlyList<Parameter> parameters) => parameters.Sum(p => p.Value.Length);

    /// <summary>Values <paramref name="start"/> … <paramref name="start"/> + destination.Length − 1 of the gradient vector.</summary>
    public static void CopyGradients(IReadOnlyList<Parameter> parameters, int start, Span<float> destination)
    {
        int offset = 0, written = 0;
        foreach (Parameter parameter in parameters)
        {
            ReadOnlySpan<float> gradient = parameter.Gradient.Span;
            int from = Math.Max(start + written - offset, 0);
            if (written < destination.Length && from < gradient.Length)
            {
                int count = Math.Min(gradient.Length - from, destination.Length - written);
                gradient.Slice(from, count).CopyTo(destination[written..]);
                written += count;
            }
            offset += gradient.Length;
        }
    }

    /// <summary>Writes the whole gradient vector into the parameters' gradients.</summary>
    public static void SetGradients(ReadOnlySpan<float> values, IReadOnlyList<Parameter> parameters)
    {
        foreach (Parameter parameter in parameters)
        {
            values[..parameter.Gradient.Length].CopyTo(parameter.Gradient.Span);
            values = values[parameter.Gradient.Length..];
        }
    }

    /// <summary>The whole weight vector.</summary>
    public static void CopyValues(IReadOnlyList<Parameter> parameters, Span<float> destination)
    {
        foreach (Parameter parameter in parameters)
        {
            parameter.Value.Span.CopyTo(destination);
            destination = destination[parameter.Value.Length..];
        }
    }

    /// <summary>Writes the whole weight vector into the parameters' values.</summary>
    public static void SetValues(ReadOnlySpan<float> values, IReadOnlyList<Parameter> parameters)
    {
        foreach (Parameter parameter in parameters)
        {
            values[..parameter.Value.Length].CopyTo(parameter.Value.Span);
            values = values[parameter.Value.Length..];
        }
    }
}
