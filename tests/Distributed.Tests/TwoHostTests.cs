using System.Runtime.Versioning;

namespace NotebookRnn.Distributed.Tests;

/// <summary>
/// Issue 20: training across two hosts over TCP gives the same bits as one process. The hosts are two network
/// namespaces joined by a veth pair (<see cref="TwoHostNetwork"/>), so the test needs root but no second machine, and
/// nothing leaves this one. Without root these tests fail: they do not skip.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class TwoHostTests
{
    private const int Epochs = 3, Samples = 512, BatchSize = 64;
    private static readonly TimeSpan RunLimit = TimeSpan.FromSeconds(90);

    [Fact]
    public void Mpirun_starts_one_rank_on_each_host()
    {
        using TwoHostNetwork network = TwoHostNetwork.Create();

        ProcessResult run = ExternalProcess.Run(
            network.MpirunOnePerHost("sh", "-c", "echo $OMPI_COMM_WORLD_RANK $(hostname) $(readlink /proc/self/ns/net)"), RunLimit);

        Assert.True(run.ExitCode == 0, run.ToString());
        string[][] ranks = [.. run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(' ')).OrderBy(r => r[0])];
        Assert.Equal(["0 host-a", "1 host-b"], ranks.Select(r => $"{r[0]} {r[1]}"));
        Assert.NotEqual(ranks[0][2], ranks[1][2]);
    }

    [Fact]
    public void Two_hosts_over_tcp_train_the_same_weights_as_one_process()
    {
        using var folder = new TemporaryFolder();
        string[] options = ["--shards", "4", "--epochs", $"{Epochs}", "--samples", $"{Samples}", "--batch-size", $"{BatchSize}", "--seed", "42"];
        string oneProcess = Path.Combine(folder.Path, "one-process.f32"), twoHosts = Path.Combine(folder.Path, "two-hosts.f32");

        ProcessResult reference = ExternalProcess.Run(["dotnet", SamplePath, .. options, "--weights-out", oneProcess], RunLimit);
        Assert.True(reference.ExitCode == 0, reference.ToString());

        string[] namespaces;
        using (TwoHostNetwork network = TwoHostNetwork.Create())
        {
            namespaces = [network.A.Namespace, network.B.Namespace];
            (long received, long sent) = network.TrafficOfA();
            ProcessResult run = ExternalProcess.Run(
                network.MpirunOnePerHost(["dotnet", SamplePath, .. options, "--weights-out", twoHosts]), RunLimit);
            Assert.True(run.ExitCode == 0, run.ToString());

            // Every step, each host needs the other's share of the gradient, a whole parameter vector at least.
            long steps = Epochs * ((Samples + BatchSize - 1) / BatchSize);
            long gradientBytes = steps * new FileInfo(oneProcess).Length;
            (long receivedAfter, long sentAfter) = network.TrafficOfA();
            Assert.True(receivedAfter - received >= gradientBytes && sentAfter - sent >= gradientBytes,
                $"Expected ≥ {gradientBytes} bytes each way between the hosts ({steps} steps × the weights' size), " +
                $"got {receivedAfter - received} received and {sentAfter - sent} sent by host A.\n{run}");
        }

        Assert.Empty(TwoHostNetwork.ExistingNamespaces().Intersect(namespaces));
        Assert.Equal(File.ReadAllBytes(oneProcess), File.ReadAllBytes(twoHosts));
    }

    // The sample built in this test assembly's configuration: samples/Distributed/bin/{Configuration}/net10.0.
    private static string SamplePath
    {
        get
        {
            var output = new DirectoryInfo(AppContext.BaseDirectory);
            string configuration = output.Parent!.Name;
            DirectoryInfo root = output;
            while (!File.Exists(Path.Combine(root.FullName, "NotebookRnn.sln"))) root = root.Parent!;
            string path = Path.Combine(root.FullName, "samples", "Distributed", "bin", configuration, "net10.0", "Distributed.dll");
            return File.Exists(path) ? path : throw new FileNotFoundException($"Build samples/Distributed ({configuration}) first: no {path}.");
        }
    }

    private sealed class TemporaryFolder : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("two-hosts-").FullName;

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
