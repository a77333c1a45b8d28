using System.Runtime.CompilerServices;
using TorchSharp;

namespace NotebookRnn.TorchSharp.Tests;

/// <summary>
/// libtorch computes with one thread in these tests. CI runs the test assemblies side by side on two cores, and
/// libtorch's OpenMP threads spin-wait against the other processes: measured under a load of 18, an imdb batch took
/// 2–4 s with two libtorch threads and 0.25 s with one. Numbers do not depend on the thread count here.
/// </summary>
internal static class OneTorchThread
{
    [ModuleInitializer]
    internal static void Initialize() => torch.set_num_threads(1);
}
