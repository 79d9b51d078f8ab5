namespace Rsc.Reports.Html.Allure;

// Allure's published result model (allure-js-commons' model, allure2's result schema): the files
// *-result.json and *-container.json in an allure-results folder. Names are Allure's, camelCase.

public sealed record AllureLabel(string Name, string Value);

public sealed record AllureParameter(string Name, string Value);

public sealed record AllureLink(string Url, string? Name = null, string? Type = null);

/// <param name="Source">The attachment's file name inside the results folder.</param>
/// <param name="Type">Its MIME type.</param>
public sealed record AllureAttachment(string Name, string Source, string Type);

public sealed record AllureStatusDetails(string? Message = null, string? Trace = null);

public sealed record AllureStep
{
    public required string Name { get; init; }
    public required string Status { get; init; }
    public AllureStatusDetails? StatusDetails { get; init; }
    public string Stage { get; init; } = AllureStatus.Finished;
    public long? Start { get; init; }
    public long? Stop { get; init; }
    public IReadOnlyList<AllureStep> Steps { get; init; } = [];
    public IReadOnlyList<AllureAttachment> Attachments { get; init; } = [];
    public IReadOnlyList<AllureParameter> Parameters { get; init; } = [];
}

/// <summary>One test result: {uuid}-result.json.</summary>
public sealed record AllureTestResult
{
    public required string Uuid { get; init; }
    /// <summary>The same for every run of the same case with the same parameters on the same device.</summary>
    public required string HistoryId { get; init; }
    public string? TestCaseId { get; init; }
    public required string FullName { get; init; }
    public required string Name { get; init; }
    public string? Description { get; init; }
    public required string Status { get; init; }
    public AllureStatusDetails? StatusDetails { get; init; }
    public string Stage { get; init; } = AllureStatus.Finished;
    /// <summary>Milliseconds since the Unix epoch.</summary>
    public long Start { get; init; }
    public long Stop { get; init; }
    public IReadOnlyList<AllureLabel> Labels { get; init; } = [];
    public IReadOnlyList<AllureLink> Links { get; init; } = [];
    public IReadOnlyList<AllureParameter> Parameters { get; init; } = [];
    public IReadOnlyList<AllureStep> Steps { get; init; } = [];
    public IReadOnlyList<AllureAttachment> Attachments { get; init; } = [];
}

/// <summary>A group of results: {uuid}-container.json; here one per device run.</summary>
public sealed record AllureContainer
{
    public required string Uuid { get; init; }
    public string? Name { get; init; }
    public IReadOnlyList<string> Children { get; init; } = [];
    public IReadOnlyList<AllureStep> Befores { get; init; } = [];
    public IReadOnlyList<AllureStep> Afters { get; init; } = [];
    public long? Start { get; init; }
    public long? Stop { get; init; }
}
