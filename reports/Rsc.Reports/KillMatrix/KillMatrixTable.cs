using System.Globalization;
using System.Text;
using Rsc.Harness.Core;

namespace Rsc.Reports.KillMatrix;

/// <summary>The kill matrix as text: a compact per-fault listing for the terminal and the full fault × case grid for kill-matrix.txt.</summary>
public static class KillMatrixTable
{
    public const string TextFileName = "kill-matrix.txt";

    /// <summary>How the fault-free device is labelled in tables.</summary>
    public const string BaselineLabel = "(fault-free)";

    public const string Escaped = "ESCAPED";

    /// <summary>The terminal width the compact listing keeps within.</summary>
    public const int DefaultWidth = 120;

    /// <summary>One letter per outcome: P, N, F, I, E.</summary>
    public static char Letter(Outcome outcome) => outcome switch
    {
        Outcome.Pass => 'P',
        Outcome.NonStrict => 'N',
        Outcome.Fail => 'F',
        Outcome.Info => 'I',
        Outcome.Error => 'E',
        _ => '?',
    };

    public const string Legend = "P pass, N non-strict, F fail (the case caught the device), I info, E error, . not run";

    /// <summary>
    /// One line per device: its verdict, how many cases failed / were non-strict / errored, and the first
    /// killing cases (for the fault-free device, the cases it did not pass); then the totals.
    /// </summary>
    public static string RenderSummary(KillMatrixDocument document, int width = DefaultWidth)
    {
        ArgumentNullException.ThrowIfNull(document);
        var rows = document.Devices.Select(d => new
        {
            Label = Label(d),
            Verdict = Verdict(d),
            Fail = Count(d, Outcome.Fail),
            NonStrict = Count(d, Outcome.NonStrict),
            Error = Count(d, Outcome.Error),
            Ids = d.Fault is null
                ? d.Outcomes.Where(kv => !KillMatrixSummary.IsClean(kv.Value)).Select(kv => kv.Key).ToList()
                : d.KillingCases.ToList(),
        }).ToList();
        const string idsHeader = "CAUGHT BY";
        var headers = new[] { "DEVICE", "VERDICT", "FAIL", "NONSTRICT", "ERROR" };
        int labelWidth = Math.Max(headers[0].Length, rows.Count == 0 ? 0 : rows.Max(r => r.Label.Length));
        int verdictWidth = Math.Max(headers[1].Length, rows.Count == 0 ? 0 : rows.Max(r => r.Verdict.Length));
        // Everything before the id list has a fixed width; the ids get what is left of the line.
        int prefixWidth = labelWidth + 2 + verdictWidth + 2 + headers[2].Length + 2 + headers[3].Length + 2 + headers[4].Length + 2;
        int idsBudget = Math.Max(24, width - prefixWidth);

        var text = new StringBuilder();
        text.Append(Prefix(headers[0], headers[1], headers[2], headers[3], headers[4])).Append(idsHeader).Append('\n');
        foreach (var r in rows)
        {
            var line = Prefix(r.Label, r.Verdict, Num(r.Fail), Num(r.NonStrict), Num(r.Error)) + IdList(r.Ids, idsBudget);
            text.Append(line.TrimEnd()).Append('\n');
        }
        text.Append(Totals(document)).Append('\n');
        return text.ToString();

        string Prefix(string label, string verdict, string fail, string nonStrict, string error) =>
            label.PadRight(labelWidth) + "  " + verdict.PadRight(verdictWidth) + "  "
            + fail.PadLeft(headers[2].Length) + "  " + nonStrict.PadLeft(headers[3].Length) + "  "
            + error.PadLeft(headers[4].Length) + "  ";
    }

    /// <summary>"16 faults: 15 caught, 1 escaped (x); fault-free device: clean on 70 cases".</summary>
    public static string Totals(KillMatrixDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var s = document.Summary;
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{s.Faults} fault{(s.Faults == 1 ? "" : "s")}: {s.Caught} caught, {s.Escaped.Count} escaped");
        if (s.Escaped.Count > 0)
        {
            text.Append(" (").Append(string.Join(", ", s.Escaped)).Append(')');
        }
        text.Append(CultureInfo.InvariantCulture, $"; fault-free device: ");
        text.Append(s.BaselineClean
            ? $"clean on {document.Cases.Count} case{(document.Cases.Count == 1 ? "" : "s")}"
            : $"{s.BaselineFailures.Count} of {document.Cases.Count} case(s) not passed ({string.Join(", ", s.BaselineFailures)})");
        if (document.Devices.Any(d => d.Fault is null && d.Outcomes.Values.Contains(Outcome.Fail)))
        {
            text.Append("; a case that fails on the fault-free device catches no fault");
        }
        return text.ToString();
    }

    /// <summary>
    /// The full grid: one row per device, one column per case (numbered, keyed below the grid), one
    /// letter per outcome; a blank column separates sections.
    /// </summary>
    public static string RenderMatrix(KillMatrixDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var cases = document.Cases;
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"rsc kill matrix: {cases.Count} case(s) x {document.Devices.Count} device configuration(s)");
        if (document.StartedUtc is { } started)
        {
            text.Append(", started ").Append(started.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture));
        }
        if (document.Settings is { } settings)
        {
            text.Append(CultureInfo.InvariantCulture, $", interval {settings.IntervalUs:0.###} us, spacing {settings.SpacingUs:0.###} us");
        }
        text.Append('\n');
        text.Append("outcomes: ").Append(Legend).Append('\n');
        text.Append("columns: the cases numbered in the key below the grid; a blank column separates sections\n\n");

        // Where the blank separator columns go: before every case whose section differs from the previous one.
        var breaks = new bool[cases.Count];
        for (int i = 1; i < cases.Count; i++)
        {
            breaks[i] = !string.Equals(SectionOf(cases[i]), SectionOf(cases[i - 1]), StringComparison.Ordinal);
        }
        int labelWidth = Math.Max(BaselineLabel.Length, document.Devices.Count == 0 ? 0 : document.Devices.Max(d => Label(d).Length));
        int digits = cases.Count.ToString(CultureInfo.InvariantCulture).Length;
        for (int place = digits - 1; place >= 0; place--)
        {
            var line = new StringBuilder(new string(' ', labelWidth + 2));
            for (int i = 0; i < cases.Count; i++)
            {
                if (breaks[i])
                {
                    line.Append(' ');
                }
                int number = i + 1;
                int divisor = (int)Math.Pow(10, place);
                line.Append(number < divisor ? ' ' : (char)('0' + (number / divisor % 10)));
            }
            text.Append(line.ToString().TrimEnd()).Append('\n');
        }
        foreach (var device in document.Devices)
        {
            var line = new StringBuilder(Label(device).PadRight(labelWidth + 2));
            for (int i = 0; i < cases.Count; i++)
            {
                if (breaks[i])
                {
                    line.Append(' ');
                }
                line.Append(device.Outcomes.TryGetValue(cases[i], out var outcome) ? Letter(outcome) : '.');
            }
            line.Append("  ").Append(Verdict(device));
            line.Append(CultureInfo.InvariantCulture, $" F={Count(device, Outcome.Fail)} N={Count(device, Outcome.NonStrict)} E={Count(device, Outcome.Error)}");
            text.Append(line).Append('\n');
        }
        text.Append('\n').Append(Totals(document)).Append('\n');

        text.Append("\nkey:\n");
        int idWidth = cases.Count == 0 ? 0 : cases.Max(c => c.Length);
        for (int i = 0; i < cases.Count; i++)
        {
            var id = cases[i];
            var killed = document.Devices.Where(d => d.Fault is not null && d.KillingCases.Contains(id, StringComparer.Ordinal))
                .Select(d => d.Fault!).ToList();
            var line = $"{(i + 1).ToString(CultureInfo.InvariantCulture).PadLeft(digits)}  {id.PadRight(idWidth)}  "
                + (killed.Count == 0 ? "catches no fault" : "catches " + string.Join(", ", killed));
            text.Append(line).Append('\n');
        }

        var notes = document.Devices.Where(d => d.Notes is { Count: > 0 }).ToList();
        if (notes.Count > 0)
        {
            text.Append("\nwhy (first decisive finding or error of every non-passing case):\n");
            foreach (var device in notes)
            {
                text.Append(Label(device)).Append('\n');
                foreach (var id in cases)
                {
                    if (device.Notes!.TryGetValue(id, out var note) && device.Outcomes.TryGetValue(id, out var outcome))
                    {
                        text.Append("  ").Append(Letter(outcome)).Append(' ').Append(id.PadRight(idWidth)).Append("  ")
                            .Append(note.ReplaceLineEndings(" ")).Append('\n');
                    }
                }
            }
        }
        return text.ToString();
    }

    /// <summary>The fault name, or <see cref="BaselineLabel"/> for the fault-free device.</summary>
    public static string Label(KillMatrixDevice device)
    {
        ArgumentNullException.ThrowIfNull(device);
        return device.Fault ?? BaselineLabel;
    }

    /// <summary>clean / NOT CLEAN for the fault-free device; caught / ESCAPED for a fault.</summary>
    public static string Verdict(KillMatrixDevice device)
    {
        ArgumentNullException.ThrowIfNull(device);
        if (device.Fault is null)
        {
            return device.Outcomes.Values.All(KillMatrixSummary.IsClean) ? "clean" : "NOT CLEAN";
        }
        return device.Caught ? "caught" : Escaped;
    }

    /// <summary>The section part of a case id: "RSC-FLAG-003" gives "FLAG".</summary>
    public static string SectionOf(string caseId)
    {
        ArgumentNullException.ThrowIfNull(caseId);
        int first = caseId.IndexOf('-', StringComparison.Ordinal);
        int last = caseId.LastIndexOf('-');
        return first >= 0 && last > first ? caseId[(first + 1)..last] : caseId;
    }

    private static int Count(KillMatrixDevice d, Outcome outcome) => d.Count(outcome);

    private static string Num(int n) => n.ToString(CultureInfo.InvariantCulture);

    /// <summary>As many ids as fit in <paramref name="budget"/> columns, then "+N more".</summary>
    private static string IdList(IReadOnlyList<string> ids, int budget)
    {
        if (ids.Count == 0)
        {
            return "-";
        }
        var shown = new StringBuilder();
        for (int i = 0; i < ids.Count; i++)
        {
            var candidate = (shown.Length == 0 ? "" : ", ") + ids[i];
            int remaining = ids.Count - i - 1;
            var moreAfter = remaining == 0 ? "" : $" +{remaining} more";
            if (shown.Length + candidate.Length + moreAfter.Length > budget && shown.Length > 0)
            {
                return shown.Append(CultureInfo.InvariantCulture, $" +{ids.Count - i} more").ToString();
            }
            shown.Append(candidate);
        }
        return shown.ToString();
    }
}
