namespace NotebookRnn.Layers;

/// <summary>Where padding goes in a padded sequence (Keras <c>padding='pre'|'post'</c>).</summary>
public enum Padding
{
    /// <summary>Padding before the real steps; the real steps end the row (Keras default).</summary>
    Pre,

    /// <summary>Padding after the real steps; the real steps start the row.</summary>
    Post,
}
