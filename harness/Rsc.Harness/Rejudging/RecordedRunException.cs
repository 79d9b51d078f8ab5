namespace Rsc.Harness.Rejudging;

/// <summary>A recorded run (or one case's files in it) cannot be read; the message is one line naming the file.</summary>
public sealed class RecordedRunException(string message, Exception? inner = null) : Exception(message, inner);
