using NotebookRnn.Data;
using NotebookRnn.Losses;

namespace NotebookRnn.Devices;

/// <summary>What one device did for one training batch (its share of the batch).</summary>
/// <param name="Device">Device name, e.g. <c>cpu:1</c>.</param>
/// <param name="Samples">Samples the device processed.</param>
/// <param name="RealTokens">Real (unpadded) time steps in its share.</param>
/// <param name="PaddedTokens">Padding time steps in its share (present in its tensors, whether or not computed).</param>
/// <param name="Loss">Mean loss over its share.</param>
/// <param name="Compute">Time spent in forward and backward.</param>
/// <param name="Wait">Time idle at the gradient-reduction barrier, waiting for the slowest device.</param>
public sealed record DeviceBatchRecord(string Device, int Samples, int RealTokens, int PaddedTokens, double Loss, TimeSpan Compute,
    TimeSpan Wait)
{
    /// <summary>Samples per second of compute time.</summary>
    public double SamplesPerSecond => Compute > TimeSpan.Zero ? Samples / Compute.TotalSeconds : 0;
}
