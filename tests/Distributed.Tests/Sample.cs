namespace NotebookRnn.Distributed.Tests;

/// <summary>Command lines that run samples/Distributed: on its own (a world of one) or under mpirun.</summary>
internal static class Sample
{
    /// <summary>The dotnet host running these tests, which runs the sample too.</summary>
    public static string Dotnet => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";

    /// <summary>Open MPI's launcher on one machine, as root and with more processes than cores allowed; no core binding, so that ranks share the cores with whatever else runs.</summary>
    public static readonly string[] MpirunOptions = ["--allow-run-as-root", "--oversubscribe", "--bind-to", "none"];

    /// <summary><c>dotnet Distributed.dll arguments</c>: no MPI, one process training every shard on its own devices.</summary>
    public static Task<ChildProcess> RunAlone(IEnumerable<string> arguments) =>
        ChildProcess.RunAsync(Dotnet, [TestPaths.SampleAssembly, .. arguments], TimeSpan.FromMinutes(2));

    /// <summary><c>mpirun -np processes dotnet Distributed.dll arguments</c>, run to its end.</summary>
    public static Task<ChildProcess> RunMpi(int processes, IEnumerable<string> arguments) =>
        ChildProcess.RunAsync("mpirun", MpiArguments(processes, arguments), TimeSpan.FromMinutes(2));

    /// <summary><c>mpirun -np processes dotnet Distributed.dll arguments</c>, started.</summary>
    public static ChildProcess StartMpi(int processes, IEnumerable<string> arguments) => ChildProcess.Start("mpirun", MpiArguments(processes, arguments));

    /// <summary>One mpirun whose ranks get different arguments (Open MPI's <c>mpirun -np 1 a : -np 1 b</c>): rank r the r-th list.</summary>
    public static Task<ChildProcess> RunMpiPerRank(IReadOnlyList<IReadOnlyList<string>> argumentsPerRank)
    {
        var command = new List<string>(MpirunOptions);
        for (int rank = 0; rank < argumentsPerRank.Count; rank++)
        {
            if (rank > 0) command.Add(":");
            command.AddRange(["-np", "1", Dotnet, TestPaths.SampleAssembly, .. argumentsPerRank[rank]]);
        }
        return ChildProcess.RunAsync("mpirun", command, TimeSpan.FromMinutes(2));
    }

    private static string[] MpiArguments(int processes, IEnumerable<string> arguments) =>
        [.. MpirunOptions, "-np", processes.ToString(), Dotnet, TestPaths.SampleAssembly, .. arguments];
}
