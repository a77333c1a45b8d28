using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;
using NotebookRnn.Kernels;

namespace Bench;

/// <summary>
/// Where the numbers were measured: CPU model (/proc/cpuinfo "model name"), the vector ISA our engine ran (AVX-512 when
/// Avx512F.IsSupported in this process, which DOTNET_EnableAVX512=0 turns off; else AVX2), the CPU's avx2/fma/avx512f
/// flags, cores, OS, runtime, our GEMM path.
/// </summary>
internal sealed record Machine(string Cpu, string VectorIsa, string CpuFlags, int LogicalCores, string Os, string Runtime, string GemmPath)
{
    private const string CpuInfo = "/proc/cpuinfo";

    public static Machine Current() => new(CpuModel(), Avx512F.IsSupported ? "AVX-512" : Avx2.IsSupported ? "AVX2" : "SSE",
        Flags(), Environment.ProcessorCount, RuntimeInformation.OSDescription, RuntimeInformation.FrameworkDescription,
        Gemm.BestPath.ToString());

    public override string ToString() =>
        $"{Cpu}, {LogicalCores} logical cores, {Os}, {Runtime}; our engine's vector ISA {VectorIsa} (GEMM path {GemmPath}); CPU flags: {CpuFlags}";

    private static string CpuModel() => CpuInfoField("model name") ?? RuntimeInformation.ProcessArchitecture.ToString();

    private static string Flags()
    {
        string[] flags = (CpuInfoField("flags") ?? "").Split(' ');
        string[] wanted = ["avx2", "fma", "avx512f"];
        string present = string.Join(' ', wanted.Where(flags.Contains));
        return present.Length == 0 ? "none of avx2, fma, avx512f" : present;
    }

    private static string? CpuInfoField(string name)
    {
        if (!File.Exists(CpuInfo)) return null;
        string? line = File.ReadLines(CpuInfo).FirstOrDefault(l => l.StartsWith(name, StringComparison.Ordinal));
        return line?[(line.IndexOf(':') + 1)..].Trim();
    }

    /// <summary>The 1, 5 and 15 minute load averages (Linux), which tell whether other work shared the machine.</summary>
    public static string ReadLoadAverage()
    {
        const string loadAverage = "/proc/loadavg";
        return File.Exists(loadAverage) ? string.Join(' ', File.ReadAllText(loadAverage).Split(' ').Take(3)) : "unknown";
    }
}
