namespace Rsc.Evidence;

/// <summary>Input that cannot be used (exit 2): the message is the one line the user sees.</summary>
public sealed class EvidenceInputException(string message) : Exception(message);
