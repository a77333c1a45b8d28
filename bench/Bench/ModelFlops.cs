namespace Bench;

/// <summary>
/// Dense FLOPs of one batch, counted the standard way: 2·m·n·k per matrix product, element-wise work left out. A recurrent
/// layer with G gate blocks (LSTM 4, GRU 3, SimpleRNN 1), F input features and U units does, per real step of each row,
/// 2·(F + U)·G·U (the input and the recurrent projections, the one-hot input counted dense); the Dense head 2·U·O per
/// row; the Embedding is a lookup (0). Training counts forward + backward = 3 × forward (the backward pass forms the
/// gradients of both operands of every product); Predict counts the forward pass.
/// </summary>
internal static class ModelFlops
{
    /// <param name="realFraction">Real steps ÷ padded steps of the batches (1 without padding).</param>
    public static double PerBatch(ModelConfig c, double realFraction)
    {
        int gates = c.Cell switch { "lstm" => 4, "gru" => 3, _ => 1 };
        double realSteps = c.Batch * c.Steps * realFraction;
        double forward = 2.0 * realSteps * (c.Features + c.Units) * gates * c.Units + 2.0 * c.Batch * c.Units * c.Outputs;
        return c.Kind == "predict" ? forward : 3 * forward;
    }
}
