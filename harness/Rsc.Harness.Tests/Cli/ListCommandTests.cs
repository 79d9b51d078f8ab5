using System.Text.Json;

namespace Rsc.Harness.Tests.Cli;

public sealed class ListCommandTests
{
    [Test]
    public void Table_shows_id_section_level_and_title()
    {
        var cli = new CliFixture();

        Assert.That(cli.Run("list"), Is.Zero);
        var lines = cli.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Multiple(() =>
        {
            Assert.That(lines[0], Does.Match("^ID +SECTION +LEVEL +TITLE$"));
            Assert.That(lines[1], Does.Match("^RSC-MERGE-001 +MERGE +Must +sample RSC-MERGE-001$"));
            Assert.That(lines[^1], Is.EqualTo("4 case(s)"));
        });
    }

    [Test]
    public void Json_lists_every_field_of_every_case()
    {
        var cli = new CliFixture();

        Assert.That(cli.Run("list", "--format", "json"), Is.Zero);
        using var json = JsonDocument.Parse(cli.Out);
        var first = json.RootElement[0];
        Assert.Multiple(() =>
        {
            Assert.That(json.RootElement.GetArrayLength(), Is.EqualTo(4));
            foreach (var name in new[] { "id", "title", "section", "level", "requirement", "source", "description" })
            {
                Assert.That(first.TryGetProperty(name, out _), Is.True, name);
            }
            Assert.That(json.RootElement[3].GetProperty("level").GetString(), Is.EqualTo("Info"));
        });
    }

    [Test]
    public void Case_and_section_narrow_the_list_in_catalogue_order()
    {
        var cli = new CliFixture();

        Assert.That(cli.Run("list", "--format", "json", "--case", "rsc-stat-001", "--section", "MERGE"), Is.Zero);
        using var json = JsonDocument.Parse(cli.Out);
        Assert.That(json.RootElement.EnumerateArray().Select(e => e.GetProperty("id").GetString()),
            Is.EqualTo(new[] { "RSC-MERGE-001", "RSC-MERGE-002", "RSC-STAT-001" }));
    }

    [TestCase("--case", "RSC-XYZ-1", "rsc: unknown case 'RSC-XYZ-1'; see 'rsc list'\n")]
    [TestCase("--section", "NOPE", "rsc: unknown section 'NOPE'; see 'rsc list'\n")]
    [TestCase("--format", "xml", "rsc: --format must be 'table' or 'json', not 'xml'\n")]
    public void Unknown_selections_and_formats_are_usage_errors(string option, string value, string message)
    {
        var cli = new CliFixture();

        Assert.Multiple(() =>
        {
            Assert.That(cli.Run("list", option, value), Is.EqualTo(2));
            Assert.That(cli.Error, Is.EqualTo(message));
            Assert.That(cli.Out, Is.Empty);
        });
    }
}
