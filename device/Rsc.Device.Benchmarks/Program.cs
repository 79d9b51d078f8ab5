System.Console.WriteLine("benchmarks pending");
