using Rsc.Harness.Core.Traffic;
using Rsc.TestCases.Support;

namespace Rsc.TestCases.Templates;

/// <summary>
/// The window-update cases' common parts: a flow advertising a small window, and the pure ACK that
/// opens it (same sequence and ACK number, new window), whose new window must reach the guest.
/// </summary>
internal static class WindowUpdate
{
    public const ushort SmallWindow = 30000;

    public const ushort OpenedWindow = 60000;

    /// <summary>The baseline IPv4 flow, advertising <see cref="SmallWindow"/>.</summary>
    public static FlowCursor SmallWindowFlow(CaseBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var flow = builder.V4();
        flow.Window = SmallWindow;
        return flow;
    }

    /// <summary>Schedules the window update: a pure ACK advertising <see cref="OpenedWindow"/>.</summary>
    public static ScheduledFrame Send(FlowCursor flow)
    {
        ArgumentNullException.ThrowIfNull(flow);
        return flow.PureAck(s => s with { Window = OpenedWindow }, "window update");
    }

    /// <summary>
    /// Schedules the window update and requires (MUST) that it reaches the guest: the frame holding it
    /// advertises <see cref="OpenedWindow"/>, whatever unit it was absorbed into.
    /// </summary>
    public static ScheduledFrame SendAndRequireSeen(CaseBuilder builder, FlowCursor flow)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var update = Send(flow);
        builder.Must.Header(update, "R.window-update-window", $"the frame holding the window update advertises {OpenedWindow}",
            p => p.Window == OpenedWindow ? null : $"window {p.Window}, expected {OpenedWindow}");
        return update;
    }
}
