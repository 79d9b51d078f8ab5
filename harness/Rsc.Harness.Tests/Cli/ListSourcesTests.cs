using System.Text.Json;
using Rsc.Cli;
using Rsc.TestCases;

namespace Rsc.Harness.Tests.Cli;

/// <summary>`rsc list --format json` names, per case, the documents its Source keys stand for.</summary>
public sealed class ListSourcesTests
{
    [Test]
    public void Every_case_lists_its_sources_with_key_title_https_url_and_rules_section()
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        int code = CliApp.Run(["list", "--format", "json"], stdout, stderr);

        Assert.That(code, Is.Zero, stderr.ToString());
        using var json = JsonDocument.Parse(stdout.ToString());
        Assert.That(json.RootElement.GetArrayLength(), Is.EqualTo(Catalogue.All.Count));
        Assert.Multiple(() =>
        {
            foreach (var item in json.RootElement.EnumerateArray())
            {
                var id = item.GetProperty("id").GetString();
                var keys = item.GetProperty("source").GetString()!.Split([',', '/', ' ', '\t'], StringSplitOptions.RemoveEmptyEntries).Distinct().ToList();
                var sources = item.GetProperty("sources").EnumerateArray().ToList();
                Assert.That(sources.Select(s => s.GetProperty("key").GetString()), Is.EqualTo(keys), $"{id}: one entry per key of its source, in order");
                foreach (var s in sources)
                {
                    var key = s.GetProperty("key").GetString();
                    Assert.That(s.GetProperty("title").GetString(), Is.Not.Empty, $"{id} {key} title");
                    Assert.That(Uri.TryCreate(s.GetProperty("url").GetString(), UriKind.Absolute, out var url) && url.Scheme == Uri.UriSchemeHttps, Is.True, $"{id} {key} url {s.GetProperty("url")}");
                    Assert.That(s.GetProperty("rules").GetString(), Does.StartWith("testcases/rules.md#"), $"{id} {key} rules");
                }
            }
        });
    }

    [Test]
    public void The_list_help_names_the_sources_field()
    {
        var stdout = new StringWriter();

        CliApp.Run(["help", "list"], stdout, TextWriter.Null);

        Assert.That(System.Text.RegularExpressions.Regex.Replace(stdout.ToString(), @"\s+", " "), Does.Contain("and sources (each source document's key, title, url and rules"));
    }
}
