// The kernel's Formatter and Core's default devices are process-wide, and every test shares one packed package:
// one test at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

// Every test here packs the extension and hosts the real kernel: part of the slow stage, outside the fast subset.
[assembly: AssemblyTrait("Category", "Slow")]
