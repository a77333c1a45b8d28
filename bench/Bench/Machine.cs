using System.Runtime.InteropServices;
using NotebookRnn.Kernels;

namespace Bench;

/// <summary>Where the numbers were measured: CPU model (as lscpu reports it), cores, OS, runtime.</summary>
internal sealed record Machine(string Cpu, int LogicalCores, string Os, string Runtime, string GemmPath)
{
    public static Machine Current() => new(CpuModel(), Environment.ProcessorCount, RuntimeInformation.OSDescription,
        RuntimeInformation.FrameworkDescription, Gemm.BestPath.ToString());

    public override string ToString() => $"{Cpu}, {LogicalCores} logical cores, {Os}, {Runtime}, our GEMM path {GemmPath}";

    private static string CpuModel()
    {
        const string cpuInfo = "/proc/cpuinfo";
        if (!File.Exists(cpuInfo)) return RuntimeInformation.ProcessArchitecture.ToString();
        string? line = File.ReadLines(cpuInfo).FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
        return line is null ? RuntimeInformation.ProcessArchitecture.ToString() : line[(line.IndexOf(':') + 1)..].Trim();
    }

    /// <summary>The 1, 5 and 15 minute load averages (Linux), which tell whether other work shared the machine.</summary>
    public static string ReadLoadAverage()
    {
        const string loadAverage = "/proc/loadavg";
        return File.Exists(loadAverage) ? string.Join(' ', File.ReadAllText(loadAverage).Split(' ').Take(3)) : "unknown";
    }
}
