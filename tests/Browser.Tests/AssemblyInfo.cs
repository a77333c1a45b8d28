// Every test here starts headless Chromium: part of the slow stage, outside the fast subset
// (dotnet test --filter "Category!=Slow&Category!=Jupyter").
[assembly: AssemblyTrait("Category", "Slow")]
