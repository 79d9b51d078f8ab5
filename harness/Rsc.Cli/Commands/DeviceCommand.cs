using System.Runtime.InteropServices;
using Rsc.Device;
using Rsc.Device.Daemon;

namespace Rsc.Cli.Commands;

/// <summary>
/// `rsc device`: the reference device as a daemon on an existing TAP, on the real clock, delivering
/// every guest frame (virtio_net_hdr_v1 + Ethernet frame) as one message on a SOCK_SEQPACKET socket.
/// </summary>
public sealed class DeviceCommand(CliEnvironment env) : ICommand
{
    public string Name => "device";

    public string Summary => "run the reference device as a daemon on a TAP, delivering guest frames to a socket";

    public string Help => $"""
        usage: rsc device --tap IF --guest-socket PATH [--interval-us N] [--fault NAME[+NAME]]... [--max-flows N]

        Attaches to an existing TAP (persistent and up) with a 12-byte vnet header, runs the reference
        RSC engine on the real clock on every frame the kernel sends into it, and connects to the Unix
        SOCK_SEQPACKET socket PATH, where each guest frame arrives as one message: the 12-byte
        little-endian virtio_net_hdr_v1 followed by the Ethernet frame. Runs until SIGTERM or SIGINT,
        then stops reading, flushes what the engine holds to the socket and exits 0.
          --tap IF          the TAP interface (default $RSC_TAP)
          --guest-socket PATH
                            the listening socket to connect to (default $RSC_GUEST_SOCKET)
          --interval-us N   drain interval in microseconds (default $RSC_INTERVAL_NS in ns, else {DaemonOptions.DefaultIntervalNs / 1000})
          --fault NAME      make the engine faulty on purpose ('+' joins several; repeatable)
        {HelpText.Wrap("faults: " + string.Join(", ", RscFaults.Names), "                    ", 100).TrimEnd('\n')}
          --max-flows N     flows cached at once (default {DaemonOptions.DefaultMaxFlows}); past it segments pass uncoalesced
        Options win over the environment. Logs one line on stderr when it starts and one when it stops.
        Exit code: 0 after SIGTERM/SIGINT, 1 when the TAP or the socket fails (the socket's peer going
        away included), 2 for bad arguments.
        """;

    public Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Any(a => a is "-h" or "--help"))
        {
            env.Out.WriteLine(Help);
            return Task.FromResult(ExitCodes.Success);
        }
        DaemonOptions options;
        try
        {
            options = DaemonOptions.Parse(args, Environment.GetEnvironmentVariable);
        }
        catch (DaemonUsageException e)
        {
            env.Error.WriteLine($"rsc device: {e.Message}; see 'rsc help device'");
            return Task.FromResult(ExitCodes.Usage);
        }
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        // SIGTERM and SIGINT are requests to stop cleanly, not to die: the handler only cancels.
        using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        return Task.FromResult(DeviceDaemon.Run(options, env.Error, stop.Token));

        void Stop(PosixSignalContext context)
        {
            context.Cancel = true;
            stop.Cancel();
        }
    }
}
