namespace Rsc.Harness.Core;

/// <summary>A case's verdict, h2spec / Autobahn style.</summary>
public enum Outcome
{
    /// <summary>Every requirement the case checks was met.</summary>
    Pass,
    /// <summary>A SHOULD was not met; no MUST was violated.</summary>
    NonStrict,
    /// <summary>A MUST was violated.</summary>
    Fail,
    /// <summary>Informational: the case reports behaviour, or its premise did not hold, or it does not apply.</summary>
    Info,
    /// <summary>The run itself broke (device crashed or hung, bad input); says nothing about conformance.</summary>
    Error,
}

/// <summary>How binding a requirement is (RFC 2119 words as the sources use them).</summary>
public enum RequirementLevel
{
    Must,
    Should,
    /// <summary>Reported, never judged.</summary>
    Info,
}
