namespace Rsc.Harness.Reporting;

/// <summary>What a run folder writes besides results.json and the case files.</summary>
public sealed record RunFolderOptions
{
    /// <summary>Allure results always go to RUN/allure-results; these folders (`rsc run --allure DIR`) get them too.</summary>
    public IReadOnlyList<string> AllureFolders { get; init; } = [];

    /// <summary>`rsc run --junit FILE`: JUnit XML written when the run finishes or is interrupted.</summary>
    public string? JUnitFile { get; init; }

    /// <summary>Stamps Allure results with when each case ended.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;
}
