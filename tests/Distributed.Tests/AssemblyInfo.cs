// Each test runs up to four training processes on a machine that may have two cores: one test at a time, so that the
// kill test's timing is its own.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
