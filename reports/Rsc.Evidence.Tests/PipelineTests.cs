using System.Text.RegularExpressions;
using Rsc.Cli;
using Rsc.Evidence.Expectations;
using Rsc.Harness.Oracle.Rules;
using Rsc.TestCases;
using YamlDotNet.RepresentationModel;

namespace Rsc.Evidence.Tests;

/// <summary>
/// azure-pipelines.yml is only run by the CI service, so its mistakes would show up at night: it
/// must parse, every `./rsc` command and option it runs must exist, and every expectations file must
/// name real cases and rules.
/// </summary>
public sealed partial class PipelineTests
{
    /// <summary>
    /// Commands and options specified for the command line but not wired into it yet, with the
    /// options each takes (none today: every command the pipeline uses is in the CLI). An entry is
    /// "command", "group subcommand" or "command --option". When the CLI gains one, this test fails
    /// until the entry is removed here: from then on the CLI itself is checked.
    /// </summary>
    private static readonly Dictionary<string, string[]> NotYetWired = new(StringComparer.Ordinal)
    {
    };

    /// <summary>Commands that take a subcommand.</summary>
    private static readonly HashSet<string> Groups = ["evidence", "expectations", "ci"];

    private static string Root => TestRuns.RepositoryRoot();

    private static YamlMappingNode Pipeline()
    {
        var yaml = new YamlStream();
        using var reader = new StreamReader(Path.Combine(Root, "azure-pipelines.yml"));
        yaml.Load(reader);
        Assert.That(yaml.Documents, Has.Count.EqualTo(1));
        return (YamlMappingNode)yaml.Documents[0].RootNode;
    }

    /// <summary>
    /// The commands of the CLI as built (read from its own command list), each subcommand under
    /// "group subcommand", with their help texts.
    /// </summary>
    private static Dictionary<string, string> CliCommands()
    {
        var app = new CliApp(CliEnvironment.Standard(TextWriter.Null, TextWriter.Null));
        var commands = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var command in app.Commands)
        {
            commands[command.Name] = command.HelpText();
            foreach (var sub in command.Subcommands.OfType<Rsc.Cli.CommandLine.CliCommand>())
            {
                commands[$"{command.Name} {sub.Name}"] = sub.HelpText();
            }
        }
        return commands;
    }

    [Test]
    public void The_pipeline_runs_nightly_always_and_on_pushes_and_pull_requests()
    {
        var root = Pipeline();
        var schedule = (YamlMappingNode)((YamlSequenceNode)root["schedules"]).Children[0];
        Assert.Multiple(() =>
        {
            Assert.That(((YamlScalarNode)schedule["always"]).Value, Is.EqualTo("true"));
            Assert.That(((YamlScalarNode)schedule["cron"]).Value, Is.Not.Empty);
            Assert.That(root.Children.ContainsKey("trigger") && root["trigger"] is not YamlScalarNode { Value: "none" }, "CI trigger");
            Assert.That(root.Children.ContainsKey("pr") && root["pr"] is not YamlScalarNode { Value: "none" }, "PR trigger");
        });
    }

    [Test]
    public void One_parallel_job_per_device_and_a_fan_in_job_after_them()
    {
        var jobs = ((YamlSequenceNode)Pipeline()["jobs"]).Children.Cast<YamlMappingNode>().ToDictionary(j => ((YamlScalarNode)j["job"]).Value!);
        var device = jobs["device"];
        var matrix = (YamlMappingNode)((YamlMappingNode)device["strategy"])["matrix"];
        var duts = matrix.Children.Values.Cast<YamlMappingNode>().Select(m => ((YamlScalarNode)m["dut"]).Value).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(duts, Is.SupersetOf(new[] { "reference", "reference-tap", "linux-gro", "qemu", "qemu:interval-us=10000" }));
            Assert.That(((YamlSequenceNode)device["dependsOn"]).Children, Is.Empty, "device jobs start at once, beside the tests");
            Assert.That(((YamlScalarNode)jobs["publish"]["dependsOn"]).Value, Is.EqualTo("device"));
            Assert.That(Scripts().Any(s => s.Contains("|| true", StringComparison.Ordinal)), Is.False, "verdicts are judged by --expect, not ignored");
        });
    }

    [Test]
    public void Every_rsc_command_and_option_the_pipeline_runs_exists()
    {
        var cli = CliCommands();
        var invocations = Invocations().ToList();
        Assert.That(invocations.Select(i => i.Command), Is.SupersetOf(new[] { "run", "matrix", "evidence pack", "evidence verify", "junit", "ci check-trx" }));
        var problems = new List<string>();
        foreach (var (command, options) in invocations)
        {
            if (cli.TryGetValue(command, out var help) && !Groups.Contains(command))
            {
                problems.AddRange(options.Where(o => !HelpMentions(help, o) && !NotYetWired.ContainsKey($"{command} {o}")).Select(o => $"rsc {command} has no option {o}"));
            }
            else if (NotYetWired.TryGetValue(command, out var specified))
            {
                problems.AddRange(options.Where(o => !specified.Contains(o)).Select(o => $"rsc {command}: {o} is not in its specification"));
            }
            else
            {
                problems.Add($"rsc {command} is neither a command of the CLI ({string.Join(", ", cli.Keys)}) nor specified for it");
            }
        }
        Assert.That(problems, Is.Empty);
    }

    [Test]
    public void Nothing_listed_as_not_yet_wired_is_wired_already()
    {
        var cli = CliCommands();
        foreach (var entry in NotYetWired.Keys)
        {
            var parts = entry.Split(' ');
            var wired = parts[^1].StartsWith("--", StringComparison.Ordinal)
                ? cli.TryGetValue(string.Join(' ', parts[..^1]), out var help) && HelpMentions(help, parts[^1])
                : cli.ContainsKey(entry);
            Assert.That(wired, Is.False, $"'rsc {entry}' is in the CLI now: remove it from {nameof(NotYetWired)}");
        }
    }

    [Test]
    public void Every_expectations_file_the_pipeline_names_exists_and_loads()
    {
        var named = ExpectationsPath().Matches(File.ReadAllText(Path.Combine(Root, "azure-pipelines.yml"))).Select(m => m.Value).Distinct().ToList();
        Assert.That(named, Is.Not.Empty);
        foreach (var path in named.Where(p => !IsCommentedOut(p)))
        {
            Assert.That(File.Exists(Path.Combine(Root, path)), $"{path} is named by the pipeline but does not exist");
            Assert.DoesNotThrow(() => ExpectationsFile.Load(Path.Combine(Root, path)), path);
        }
    }

    [Test]
    public void Every_expectations_file_names_real_cases_and_rules_with_a_reason_for_each()
    {
        var files = Directory.EnumerateFiles(Path.Combine(Root, "testcases", "expectations"), "*.json").ToList();
        Assert.That(files, Is.Not.Empty);
        foreach (var file in files)
        {
            var name = Path.GetFileName(file);
            var doc = ExpectationsFile.Load(file);
            Assert.Multiple(() =>
            {
                Assert.That(ExpectationsDocument.IsPlaceholder(doc.Description), Is.False, $"{name}: description");
                Assert.That(doc.Device.Kind, Is.Not.Empty, name);
                foreach (var c in doc.Cases)
                {
                    Assert.That(Catalogue.Find(c.Id)?.Id, Is.EqualTo(c.Id), $"{name}: {c.Id} is not a case of the catalogue");
                    Assert.That(ExpectationsDocument.IsPlaceholder(c.Reason), Is.False, $"{name}: {c.Id} has no reason yet");
                    foreach (var rule in c.Rules)
                    {
                        Assert.That(RuleCatalog.Contains(rule), $"{name}: {c.Id} names {rule}, which is not a rule (rsc rules)");
                    }
                }
                foreach (var t in doc.Tolerated)
                {
                    Assert.That(RuleCatalog.Contains(t.Rule), $"{name}: tolerated {t.Rule} is not a rule");
                    Assert.That(ExpectationsDocument.IsPlaceholder(t.Reason), Is.False, $"{name}: tolerated {t.Rule} has no reason");
                    foreach (var id in t.Cases ?? [])
                    {
                        Assert.That(Catalogue.Find(id), Is.Not.Null, $"{name}: tolerated {t.Rule} names {id}, not a case");
                    }
                }
            });
        }
    }

    private static bool HelpMentions(string help, string option) =>
        Regex.IsMatch(help, $@"(^|[\s\[]){Regex.Escape(option)}(?![\w-])", RegexOptions.Multiline);

    private static bool IsCommentedOut(string path) =>
        File.ReadAllLines(Path.Combine(Root, "azure-pipelines.yml")).Where(l => l.Contains(path, StringComparison.Ordinal)).All(l => l.TrimStart().StartsWith('#'));

    /// <summary>Every script body of every step (the YAML parser drops comments).</summary>
    private static List<string> Scripts()
    {
        var scripts = new List<string>();
        void Walk(YamlNode node)
        {
            switch (node)
            {
                case YamlMappingNode map:
                    foreach (var (key, value) in map.Children)
                    {
                        if (key is YamlScalarNode { Value: "script" } && value is YamlScalarNode s)
                        {
                            scripts.Add(s.Value ?? "");
                        }
                        Walk(value);
                    }
                    break;
                case YamlSequenceNode seq:
                    foreach (var child in seq.Children)
                    {
                        Walk(child);
                    }
                    break;
            }
        }
        Walk(Pipeline());
        return scripts;
    }

    /// <summary>Each `./rsc` call: "command" or "group subcommand", and the options given to it.</summary>
    private static IEnumerable<(string Command, List<string> Options)> Invocations()
    {
        foreach (var script in Scripts())
        {
            var text = script.Replace("\\\n", " ", StringComparison.Ordinal);
            foreach (Match m in RscCall().Matches(text))
            {
                var tokens = m.Groups["args"].Value.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries)
                    .TakeWhile(t => t is not ("&&" or "||" or "|" or ";" or ">" or "2>&1")).ToList();
                if (tokens.Count == 0)
                {
                    continue;
                }
                if (tokens[0].StartsWith('-'))
                {
                    yield return (tokens[0] == "--version" ? "version" : tokens[0], []);
                    continue;
                }
                var command = Groups.Contains(tokens[0]) && tokens.Count > 1 ? $"{tokens[0]} {tokens[1]}" : tokens[0];
                yield return (command, [.. tokens.Where(t => t.StartsWith("--", StringComparison.Ordinal)).Select(t => t.Split('=')[0]).Distinct()]);
            }
        }
    }

    [GeneratedRegex(@"(?:^|[\s;&|(])\./rsc(?<args>[^\n]*)", RegexOptions.Multiline)]
    private static partial Regex RscCall();

    [GeneratedRegex(@"testcases/expectations/[\w.\-]+\.json")]
    private static partial Regex ExpectationsPath();
}
