using System.Diagnostics;
using System.Runtime.Versioning;
using System.Text.Json;

namespace NotebookRnn.Distributed.Tests;

/// <summary>
/// Two hosts on this machine: two network namespaces, each with its own loopback and one end of a veth pair, host A at
/// 10.231.0.1/24 and host B at 10.231.0.2/24. Nothing else is in them (no route, no other interface), so what they send
/// cannot leave the machine. <see cref="RunOnePerHostAsync"/> runs mpirun on A with one rank on each host, talking TCP
/// over the pair; <see cref="TrafficOfAAsync"/> reads the pair's byte counters to show it did.
/// Names are unique per instance (<c>nrnn-{pid}-{n}-a</c>/<c>-b</c>); <see cref="DisposeAsync"/> kills whatever still
/// runs inside and deletes both namespaces, which destroys the pair, and <see cref="CreateAsync"/> first removes the
/// namespaces of test processes that died before they could. Needs root and iproute2's <c>ip</c>.
/// </summary>
[SupportedOSPlatform("linux")]
internal sealed class TwoHostNetwork : IAsyncDisposable
{
    /// <summary>The hosts' subnet; mpirun's out-of-band channel and the MPI TCP transport are both held to it.</summary>
    public const string Subnet = "10.231.0.0/24";
    private const string NamePrefix = "nrnn-";
    private const string Link = "veth0";
    private static int instances;

    private readonly string directory;

    private TwoHostNetwork(string name)
    {
        A = new Host($"{name}-a", "host-a", "10.231.0.1");
        B = new Host($"{name}-b", "host-b", "10.231.0.2");
        directory = Directory.CreateTempSubdirectory($"{name}-").FullName;
        HostFile = Path.Combine(directory, "hosts");
        Agent = Path.Combine(directory, "agent.sh");
    }

    /// <summary>A host: its network namespace, the hostname its processes see, and its address on the pair.</summary>
    public sealed record Host(string Namespace, string HostName, string Address);

    /// <summary>The host mpirun runs on: rank 0.</summary>
    public Host A { get; }

    /// <summary>The host mpirun reaches through <see cref="Agent"/>: rank 1.</summary>
    public Host B { get; }

    /// <summary>mpirun's hostfile: both addresses, one slot each.</summary>
    public string HostFile { get; }

    /// <summary>
    /// mpirun's rsh agent (<c>plm_rsh_agent</c>): called as <c>agent.sh HOST COMMAND…</c>, it runs the command in that
    /// host's namespace, under that host's hostname, where ssh would have run it on a real host. It inherits mpirun's
    /// environment, so no <c>-x</c> is needed.
    /// </summary>
    public string Agent { get; }

    /// <summary>Creates both namespaces and the pair; throws <see cref="InvalidOperationException"/> naming the ip command
    /// that failed (typically: not root) after removing whatever it had created.</summary>
    public static async Task<TwoHostNetwork> CreateAsync()
    {
        await RemoveLeftoversAsync();
        var network = new TwoHostNetwork($"{NamePrefix}{Environment.ProcessId}-{Interlocked.Increment(ref instances)}");
        try
        {
            await network.SetUpAsync();
            return network;
        }
        catch
        {
            await network.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Runs <paramref name="program"/> to its end as two MPI ranks, rank 0 on A and rank 1 on B, connected by Open MPI's
    /// TCP transport over the pair only (<c>btl tcp,self</c>: no shared memory, although both ranks share /dev/shm).
    /// <see cref="Sample.MpirunOptions"/> keeps ranks unbound, which matters here: each host's daemon would bind its rank
    /// to "its" core 0, the same physical core for both.
    /// </summary>
    public Task<ChildProcess> RunOnePerHostAsync(IEnumerable<string> program, TimeSpan timeout) =>
        ChildProcess.RunAsync("ip",
        [
            "netns", "exec", A.Namespace, "unshare", "--uts", "sh", "-c", $"hostname {A.HostName} && exec \"$@\"", "sh",
            "mpirun", .. Sample.MpirunOptions, "-np", "2", "--hostfile", HostFile, "--mca", "plm_rsh_agent", Agent,
            "--mca", "btl", "tcp,self", "--mca", "btl_tcp_if_include", Subnet, "--mca", "oob_tcp_if_include", Subnet,
            .. program,
        ], timeout);

    /// <summary>Bytes received and sent so far by A's end of the pair: everything that went between the hosts.</summary>
    public async Task<(long Received, long Sent)> TrafficOfAAsync()
    {
        using JsonDocument link = JsonDocument.Parse(await IpAsync("-json", "-stats", "-n", A.Namespace, "link", "show", "dev", Link));
        JsonElement stats = link.RootElement[0].GetProperty("stats64");
        return (stats.GetProperty("rx").GetProperty("bytes").GetInt64(), stats.GetProperty("tx").GetProperty("bytes").GetInt64());
    }

    /// <summary>The names of the network namespaces that exist now (all of them, not only ours).</summary>
    public static async Task<IReadOnlyList<string>> ExistingNamespacesAsync() =>
        [.. (await IpAsync("netns", "list")).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line.Split(' ')[0])];

    /// <summary>Kills every process left in either namespace, deletes both and the hostfile's folder.</summary>
    public async ValueTask DisposeAsync()
    {
        foreach (Host host in new[] { A, B }) await DeleteAsync(host.Namespace);
        Directory.Delete(directory, recursive: true);
    }

    private async Task SetUpAsync()
    {
        await IpAsync("netns", "add", A.Namespace);
        await IpAsync("netns", "add", B.Namespace);
        await IpAsync("link", "add", Link, "netns", A.Namespace, "type", "veth", "peer", "name", Link, "netns", B.Namespace);
        foreach (Host host in new[] { A, B })
        {
            await IpAsync("-n", host.Namespace, "address", "add", $"{host.Address}/24", "dev", Link);
            await IpAsync("-n", host.Namespace, "link", "set", "lo", "up");
            await IpAsync("-n", host.Namespace, "link", "set", Link, "up");
        }
        File.WriteAllText(HostFile, $"{A.Address} slots=1\n{B.Address} slots=1\n");
        File.WriteAllText(Agent, AgentScript());
        File.SetUnixFileMode(Agent, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    // mpirun passes the remote command (orted and its options, quoted for a remote shell) after the host, as ssh gets it;
    // "$*" rejoins it and the inner sh parses it as sshd's shell would.
    private string AgentScript() => $$"""
        #!/bin/sh
        case "$1" in
          {{A.Address}}) ns={{A.Namespace}}; name={{A.HostName}} ;;
          {{B.Address}}) ns={{B.Namespace}}; name={{B.HostName}} ;;
          *) echo "agent.sh: unknown host '$1'" >&2; exit 1 ;;
        esac
        shift
        exec ip netns exec "$ns" unshare --uts sh -c 'hostname "$1" && shift && exec sh -c "$*"' sh "$name" "$@"

        """;

    // Namespaces whose test process is gone: a crash or a kill skipped Dispose.
    private static async Task RemoveLeftoversAsync()
    {
        foreach (string name in (await ExistingNamespacesAsync()).Where(n => n.StartsWith(NamePrefix, StringComparison.Ordinal)))
            if (int.TryParse(name.Split('-')[1], out int pid) && !IsRunning(pid)) await DeleteAsync(name);
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using Process process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    // A namespace outlives "ip netns delete" while a process is inside, and keeps its end of the pair: kill them first.
    private static async Task DeleteAsync(string name)
    {
        if (!(await ExistingNamespacesAsync()).Contains(name)) return;
        foreach (string pid in (await IpAsync("netns", "pids", name)).Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            try
            {
                using Process process = Process.GetProcessById(int.Parse(pid));
                process.Kill();
                process.WaitForExit(TimeSpan.FromSeconds(5));
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException)
            {
                // Gone already.
            }
        }
        await IpAsync("netns", "delete", name);
    }

    private static async Task<string> IpAsync(params string[] arguments)
    {
        using ChildProcess ip = await ChildProcess.RunAsync("ip", arguments, TimeSpan.FromSeconds(30));
        return ip.ExitCode == 0 ? ip.Output
            : throw new InvalidOperationException($"The two-host network needs root and iproute2's ip: {ip}");
    }
}
