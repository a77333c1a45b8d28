using System.Runtime.Versioning;
using Xunit.Abstractions;

namespace NotebookRnn.Distributed.Tests;

/// <summary>
/// Issue 20: training across two hosts over TCP gives the same bits as one process. The hosts are two network
/// namespaces joined by a veth pair (<see cref="TwoHostNetwork"/>), so the tests need root but no second machine, and
/// nothing leaves this one. Without root they fail: they do not skip.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class TwoHostTests(ITestOutputHelper output)
{
    private const int Epochs = 2, Samples = 256, BatchSize = 64;
    private static readonly TimeSpan RunLimit = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task Mpirun_starts_one_rank_on_each_host()
    {
        await using TwoHostNetwork network = await TwoHostNetwork.CreateAsync();

        using ChildProcess run = await network.RunOnePerHostAsync(
            ["sh", "-c", "echo $OMPI_COMM_WORLD_RANK $(hostname) $(readlink /proc/self/ns/net)"], RunLimit);

        output.WriteLine(run.ToString());
        Assert.True(run.ExitCode == 0, run.ToString());
        string[][] ranks = [.. run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(' ')).OrderBy(r => r[0])];
        Assert.Equal(["0 host-a", "1 host-b"], ranks.Select(r => $"{r[0]} {r[1]}"));
        Assert.NotEqual(ranks[0][2], ranks[1][2]);
    }

    [Fact]
    public async Task Two_hosts_over_tcp_train_the_same_weights_as_one_process()
    {
        string folder = TestPaths.NewOutputFolder("two-hosts");
        string[] options = ["--shards", "4", "--epochs", $"{Epochs}", "--samples", $"{Samples}", "--batch-size", $"{BatchSize}", "--seed", "42"];
        string oneProcess = Path.Combine(folder, "one-process.weights"), twoHosts = Path.Combine(folder, "two-hosts.weights");

        using ChildProcess alone = await Sample.RunAlone([.. options, "--weights-out", oneProcess]);
        output.WriteLine(alone.ToString());
        Assert.True(alone.ExitCode == 0, alone.ToString());

        string[] namespaces;
        await using (TwoHostNetwork network = await TwoHostNetwork.CreateAsync())
        {
            namespaces = [network.A.Namespace, network.B.Namespace];
            (long received, long sent) = await network.TrafficOfAAsync();
            using ChildProcess run = await network.RunOnePerHostAsync([Sample.Dotnet, TestPaths.SampleAssembly, .. options, "--weights-out", twoHosts], RunLimit);
            output.WriteLine(run.ToString());
            Assert.True(run.ExitCode == 0, run.ToString());

            // Every step, each host needs the other's share of the gradient: a whole parameter vector at least.
            long steps = Epochs * ((Samples + BatchSize - 1) / BatchSize);
            long gradientBytes = steps * new FileInfo(oneProcess).Length;
            (long receivedAfter, long sentAfter) = await network.TrafficOfAAsync();
            output.WriteLine($"host A received {receivedAfter - received} and sent {sentAfter - sent} bytes; {steps} steps × {new FileInfo(oneProcess).Length} bytes of weights = {gradientBytes}");
            Assert.True(receivedAfter - received >= gradientBytes && sentAfter - sent >= gradientBytes,
                $"Expected ≥ {gradientBytes} bytes each way between the hosts ({steps} steps × the weights' size), " +
                $"got {receivedAfter - received} received and {sentAfter - sent} sent by host A.\n{run}");
        }

        Assert.Empty((await TwoHostNetwork.ExistingNamespacesAsync()).Intersect(namespaces));
        Assert.Equal(File.ReadAllBytes(oneProcess), File.ReadAllBytes(twoHosts));
    }
}
