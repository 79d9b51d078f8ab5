using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(Rsc.Device.Benchmarks.ReceiveBenchmarks).Assembly).Run(args);
