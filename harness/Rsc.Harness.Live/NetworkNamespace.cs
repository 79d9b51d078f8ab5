using System.Runtime.Versioning;
using Rsc.Harness.Live.Linux;

namespace Rsc.Harness.Live;

/// <summary>A network namespace this run created (<c>ip netns add</c>); disposing deletes it.</summary>
[SupportedOSPlatform("linux")]
public sealed class NetworkNamespace : IDisposable
{
    private bool _deleted;

    private NetworkNamespace(string name) => Name = name;

    public string Name { get; }

    public static NetworkNamespace Create() => Create(LiveNames.Next(LiveResourceKind.Namespace));

    public static NetworkNamespace Create(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        LiveEnvironment.EnsureAvailable();
        HostCommand.Run("ip", "netns", "add", name);
        var ns = new NetworkNamespace(name);
        try
        {
            Interfaces.InNamespace(name, "ip", "link", "set", "dev", "lo", "up");
        }
        catch
        {
            ns.Dispose();
            throw;
        }
        return ns;
    }

    /// <summary>
    /// Runs <paramref name="action"/> on a fresh thread that has joined this namespace, so sockets it
    /// opens live there (they stay there after the thread ends).
    /// </summary>
    public T Run<T>(Func<T> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        T? result = default;
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                Enter();
                result = action();
            }
            catch (Exception e)
            {
                failure = e;
            }
        })
        {
            IsBackground = true,
            Name = $"netns {Name}",
        };
        thread.Start();
        thread.Join();
        if (failure is not null)
        {
            throw failure is LiveSetupException ? failure : new LiveSetupException($"in namespace {Name}: {failure.Message}", failure);
        }
        return result!;
    }

    private void Enter()
    {
        int fd = LibC.open($"/run/netns/{Name}", LibC.O_RDONLY | LibC.O_CLOEXEC);
        if (fd < 0)
        {
            throw new LiveSetupException($"cannot open namespace {Name}: {LibC.LastError()}");
        }
        try
        {
            if (LibC.setns(fd, LibC.CLONE_NEWNET) < 0)
            {
                throw new LiveSetupException($"cannot enter namespace {Name}: {LibC.LastError()}");
            }
        }
        finally
        {
            LibC.close(fd);
        }
    }

    public void Dispose()
    {
        if (_deleted)
        {
            return;
        }
        _deleted = true;
        LiveNames.TryDeleteNamespace(Name);
    }
}
