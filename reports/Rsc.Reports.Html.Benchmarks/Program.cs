using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(Rsc.Reports.Html.Benchmarks.ReportBenchmarks).Assembly).Run(args);
