using NotebookRnn.Persistence;

namespace Bench;

/// <summary>One line of the results table.</summary>
/// <param name="Ratio">Our speed ÷ PyTorch's (PyTorch ms ÷ our ms, or our GFLOP/s ÷ OpenBLAS GFLOP/s).</param>
/// <param name="Measured">The value the target is checked on, as text.</param>
/// <param name="Result">PASS, FAIL, "—" (no target) or "not checked (smoke)".</param>
internal sealed record ResultRow(string Config, string Description, double? OursMs, string OursThroughput, double? TorchMs,
    int? TorchThreads, string TorchThroughput, double? Ratio, string Target, string Measured, string Result)
{
    public const string Pass = "PASS", Fail = "FAIL", NoTarget = "—", NotChecked = "not checked (smoke)";

    public static string Verdict(bool smoke, bool met) => smoke ? NotChecked : met ? Pass : Fail;
}
