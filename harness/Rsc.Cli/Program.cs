using Rsc.Cli;

using var interrupt = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    // The first Ctrl-C stops after the current case, keeping results; a second one ends the process.
    e.Cancel = !interrupt.IsCancellationRequested;
    interrupt.Cancel();
};
var app = new CliApp(CliEnvironment.Standard(Console.Out, Console.Error));
return await app.RunAsync(args, interrupt.Token);
