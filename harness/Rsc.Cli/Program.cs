using System.Runtime.InteropServices;
using Rsc.Cli;
using Rsc.Cli.Terminal;

using var interrupt = new CancellationTokenSource();
string? signal = null;
Console.CancelKeyPress += (_, e) =>
{
    signal ??= "SIGINT";
    // The first Ctrl-C stops after the current case, keeping results; a second one ends the process.
    e.Cancel = !interrupt.IsCancellationRequested;
    interrupt.Cancel();
};
// SIGTERM stops like the first Ctrl-C, so live devices, TAPs and namespaces are removed on the way out.
using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
{
    signal ??= "SIGTERM";
    context.Cancel = !interrupt.IsCancellationRequested;
    interrupt.Cancel();
});
var app = new CliApp(CliEnvironment.Standard(Console.Out, Console.Error) with
{
    InterruptSignal = () => signal,
    Terminal = OutputMode.TerminalFor(Console.Out, !Console.IsOutputRedirected, Environment.GetEnvironmentVariable),
});
return await app.RunAsync(args, interrupt.Token);
