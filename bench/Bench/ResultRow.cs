namespace Bench;

/// <summary>One line of the results table.</summary>
/// <param name="OursDevices">The devices of our faster run (1 or 2), or null where devices do not apply.</param>
/// <param name="Libtorch">libtorch 2.10's best timing (the primary anchor).</param>
/// <param name="PyTorch">PyTorch 1.13's best timing (the second column; OpenBLAS torch.mm for GEMM).</param>
/// <param name="Ratio">Our speed ÷ libtorch's (libtorch ms ÷ our ms, or our GFLOP/s ÷ its GFLOP/s).</param>
/// <param name="PyTorchRatio">Our speed ÷ PyTorch 1.13's.</param>
/// <param name="Gflops">Our achieved GFLOP/s (dense FLOPs per batch ÷ time, see ModelFlops).</param>
/// <param name="PercentOfPeak">Gflops ÷ (measured FMA peak × devices used), in percent.</param>
/// <param name="Measured">The value the target is checked on, as text.</param>
/// <param name="Result">PASS, FAIL, "—" (no target) or "not checked (smoke)".</param>
internal sealed record ResultRow(string Config, string Description, double? OursMs, int? OursDevices, string OursThroughput,
    TorchTiming? Libtorch, TorchTiming? PyTorch, double? Ratio, double? PyTorchRatio, double? Gflops, double? PercentOfPeak,
    string Target, string Measured, string Result)
{
    public const string Pass = "PASS", Fail = "FAIL", NoTarget = "—", NotChecked = "not checked (smoke)";

    public static string Verdict(bool smoke, bool met) => smoke ? NotChecked : met ? Pass : Fail;

    /// <summary>A row with no speed comparison: allocation, devices, cold start.</summary>
    public static ResultRow Plain(string config, string description, double? oursMs, string oursThroughput, string target,
        string measured, string result) =>
        new(config, description, oursMs, null, oursThroughput, null, null, null, null, null, null, target, measured, result);
}
