namespace Rsc.Evidence;

/// <summary>The input is readable but the evidence it should hold is not all there (exit 1).</summary>
public sealed class EvidenceIncompleteException(string message) : Exception(message);
