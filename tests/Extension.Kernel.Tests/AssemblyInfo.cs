// The kernel's Formatter and Core's default devices are process-wide, and every test shares one packed package:
// one test at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
