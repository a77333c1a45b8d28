using NotebookRnn.Layers.Recurrent;

namespace NotebookRnn.Notebook.Views;

/// <summary>One recurrent loop to draw: a label (layer name and type) and the plan its last batch ran.</summary>
/// <param name="Label">e.g. <c>lstm (LSTM)</c>, or <c>forward_lstm (LSTM), forward</c>.</param>
/// <param name="Plan">The plan drawn.</param>
/// <param name="Backward">Whether the row is drawn right to left (the backward half of a Bidirectional layer).</param>
/// <param name="HandedOver">
/// The states the row above hands from its last step into this row's first (<c>h, c</c> for an encoder's LSTM into its
/// decoder, see <see cref="StateHandover"/>); null when the row starts from zeros (h₀).
/// </param>
internal sealed record UnrollRow(string Label, RecurrentPlan Plan, bool Backward = false, string? HandedOver = null);
