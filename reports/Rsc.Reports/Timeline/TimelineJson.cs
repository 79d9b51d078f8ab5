using System.Text.Json;
using Rsc.Harness.Core.Capture;

namespace Rsc.Reports.Timeline;

/// <summary>Reads and writes timeline.json in the results dialect (<see cref="ResultsJson"/>), compact: it can hold thousands of frames.</summary>
public static class TimelineJson
{
    public static string Serialize(CaseTimeline timeline) => JsonSerializer.Serialize(timeline, ResultsJson.Compact);

    public static CaseTimeline Deserialize(string json) => Checked(JsonSerializer.Deserialize<CaseTimeline>(json, ResultsJson.Compact));

    /// <summary>Writes <paramref name="timeline"/> so a reader only ever sees a whole file.</summary>
    public static void WriteFile(string path, CaseTimeline timeline)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        AtomicFile.Write(path, stream => JsonSerializer.Serialize(stream, timeline, ResultsJson.Compact));
    }

    public static CaseTimeline ReadFile(string path)
    {
        using var stream = File.OpenRead(path);
        return Checked(JsonSerializer.Deserialize<CaseTimeline>(stream, ResultsJson.Compact));
    }

    private static CaseTimeline Checked(CaseTimeline? timeline)
    {
        if (timeline is null)
        {
            throw new JsonException("timeline document is null");
        }
        if (timeline.Schema != CaseTimeline.CurrentSchema)
        {
            throw new JsonException($"unsupported timeline schema '{timeline.Schema}'; expected '{CaseTimeline.CurrentSchema}'");
        }
        return timeline;
    }
}
