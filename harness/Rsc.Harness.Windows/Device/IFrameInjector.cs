namespace Rsc.Harness.Windows.Device;

/// <summary>Puts whole Ethernet frames on the wire towards the adapter under test.</summary>
public interface IFrameInjector : IDisposable
{
    /// <summary>What the injector sends from, for results.</summary>
    string Description { get; }

    void Send(ReadOnlySpan<byte> frame);
}
