using NotebookRnn.Layers;
using NotebookRnn.Layers.Functional;

namespace NotebookRnn.Persistence;

/// <summary>
/// A model as <see cref="ModelSerializer"/> sees it: a named, seeded set of layers — a functional graph, or a
/// Sequential stack (<see cref="ISerializableStack"/>) — with compile settings. <c>Model</c> implements it, so
/// Persistence needs no model type.
/// </summary>
internal interface ISerializableModel
{
    /// <summary>The model's name.</summary>
    string Name { get; }

    /// <summary>The seed its random choices derive from.</summary>
    long Seed { get; }

    /// <summary>A Sequential model's input shape without batch, once built.</summary>
    int?[]? InputShape { get; }

    /// <summary>Whether the layers have weights.</summary>
    bool IsBuilt { get; }

    /// <summary>The layers, each once, in order.</summary>
    IReadOnlyList<Layer> Layers { get; }

    /// <summary>A functional model's graph, saved in Keras's functional form; <c>null</c> for a Sequential model, saved as its list of layers.</summary>
    GraphProgram? FunctionalGraph { get; }

    /// <summary>What was given to <c>Compile</c>, or <c>null</c> before.</summary>
    CompileSettings? CompileSettings { get; }

    /// <summary>Configures training with saved settings, on the default devices.</summary>
    /// <exception cref="ArgumentException">The settings are invalid, or do not have one entry per output.</exception>
    void Compile(CompileSettings settings);
}
