using NotebookRnn;
using NotebookRnn.Persistence.CrashWriter;
using NotebookRnn.Models;

// Usage: NotebookRnn.Persistence.CrashWriter <path> <seed>
// Builds LargeModel(seed) and saves it to <path> again and again, printing "saved <n>" after each save returns,
// until the parent kills it. The parent kills it while a save is half written and checks what <path> holds.
if (args.Length != 2 || !long.TryParse(args[1], out long seed))
{
    Console.Error.WriteLine("usage: NotebookRnn.Persistence.CrashWriter <path> <seed>");
    return 2;
}
Sequential model = LargeModel.Create(seed);
Console.WriteLine("built");
for (int saves = 1; ; saves++)
{
    model.Save(args[0]);
    Console.WriteLine($"saved {saves}");
}
