// A notebook run redirects the console and changes the working directory, both process-wide: one test at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
