using BenchmarkDotNet.Running;
using Entrust.Bench;

// generate … fills a database at province scale; record-bodies … writes bench/record.sh's request bodies; add-cases … adds the million cases to an existing PostgreSQL province; add-training … adds the training classes and exams to an existing province; explain [postgres] prints the matter list's SQL and plans; anything else goes to BenchmarkDotNet (--filter '*', --list flat, …).
if (args.FirstOrDefault() == "explain")
{
    return await Explain.RunAsync(args[1..]);
}
if (args.FirstOrDefault() == "record-bodies")
{
    return await RecordingBodies.RunAsync(args[1..]);
}
if (args.FirstOrDefault() == "add-cases")
{
    return await ProvinceGenerator.AddCasesAsync(args[1..]);
}
if (args.FirstOrDefault() == "add-training")
{
    return await ProvinceGenerator.AddTrainingAsync(args[1..]);
}
if (args.FirstOrDefault() == "generate")
{
    return await ProvinceGenerator.RunAsync(args[1..]);
}
BenchmarkSwitcher.FromAssembly(typeof(ProvinceGenerator).Assembly).Run(args);
return 0;
