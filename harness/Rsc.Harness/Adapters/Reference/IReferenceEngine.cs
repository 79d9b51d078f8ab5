using Rsc.Harness.Core.Capture;

namespace Rsc.Harness.Adapters.Reference;

/// <summary>
/// What the reference adapter drives: the engine's receive path, its final flush and its counters.
/// Kept apart from the concrete engine so the adapter's timing can be tested on its own.
/// </summary>
internal interface IReferenceEngine : IDisposable
{
    void Receive(ReadOnlySpan<byte> ethernetFrame);

    void Flush();

    DeviceStatistics Statistics();
}
