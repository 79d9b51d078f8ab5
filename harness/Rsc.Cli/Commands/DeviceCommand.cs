using System.CommandLine;
using System.Runtime.InteropServices;
using Rsc.Device.Daemon;
using Rsc.Harness.Core.Devices;

namespace Rsc.Cli.Commands;

/// <summary>
/// `rsc device`: the reference device as a daemon on an existing TAP, on the real clock, delivering
/// every guest frame (virtio_net_hdr_v1 + Ethernet frame) as one message on a SOCK_SEQPACKET socket.
/// </summary>
public sealed class DeviceCommand(CliEnvironment env)
{
    /// <summary>"rsc device: REASON; see 'rsc help device'", the one line a mistake gets.</summary>
    public static string ErrorLine(string reason) => $"rsc device: {reason}; see 'rsc help device'";

    public Task<int> RunAsync(DaemonCommandLine declaration, ParseResult parse, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(declaration);
        if (env.Host != HostPlatform.Linux || !OperatingSystem.IsLinux())
        {
            env.Error.WriteLine(HostPlatforms.NeedsMessage("rsc device", HostPlatform.Linux, env.Host));
            return Task.FromResult(ExitCodes.Usage);
        }
        DaemonOptions options;
        try
        {
            options = declaration.Bind(parse);
        }
        catch (DaemonUsageException e)
        {
            env.Error.WriteLine(ErrorLine(e.Message));
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
