namespace Rsc.Harness.Core.Devices;

/// <summary>The device (not the case) broke: crashed, hung, or spoke garbage. Becomes an Error verdict.</summary>
public sealed class DeviceFailureException : Exception
{
    public DeviceFailureException(string message)
        : base(message)
    {
    }

    public DeviceFailureException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
