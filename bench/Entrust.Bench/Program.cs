using BenchmarkDotNet.Running;
using Entrust.Bench;

// generate … fills a database at province scale; anything else goes to BenchmarkDotNet (--filter '*', --list flat, …).
if (args.FirstOrDefault() == "generate")
{
    return await ProvinceGenerator.RunAsync(args[1..]);
}
BenchmarkSwitcher.FromAssembly(typeof(ProvinceGenerator).Assembly).Run(args);
return 0;
