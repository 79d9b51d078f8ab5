using System.Text.Json;
using Rsc.Reports;
using Rsc.TestCases.Sources;

namespace Rsc.TestCases.Tests;

/// <summary>Every case's <c>Source</c> names documents the source catalogue knows, and the catalogue itself is sound.</summary>
[TestFixture]
public sealed class SourceCatalogTests
{
    [Test]
    public void EveryCaseSourceResolves()
    {
        Assert.Multiple(() =>
        {
            foreach (var c in Catalogue.All)
            {
                Assert.That(() => SourceCatalog.For(c), Throws.Nothing, $"{c.Id} Source \"{c.Source}\"");
            }
        });
    }

    [Test]
    public void KeysAreTheDigestsTen() =>
        Assert.That(SourceCatalog.All.Select(s => s.Key), Is.EqualTo(new[] { "R", "E", "IPH", "IND", "EX", "PC", "OID", "NBL", "VS", "SEED" }));

    [Test]
    public void EverySourceHasATitleAnHttpsUrlAndItsRulesAnchor()
    {
        Assert.Multiple(() =>
        {
            foreach (var source in SourceCatalog.All)
            {
                Assert.That(source.Title, Is.Not.Empty, source.Key);
                Assert.That(Uri.TryCreate(source.Url, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps, Is.True, $"{source.Key}: {source.Url}");
                Assert.That(source.Rules, Is.EqualTo("testcases/rules.md#" + source.Key.ToLowerInvariant()), source.Key);
                Assert.That(SourceCatalog.Find(source.Key), Is.SameAs(source), source.Key);
            }
        });
    }

    [Test]
    public void ParseKeepsTheOrderNamed()
    {
        Assert.That(SourceCatalog.Parse("R, IPH").Select(s => s.Key), Is.EqualTo(new[] { "R", "IPH" }));
        Assert.That(SourceCatalog.Parse("VS/E").Select(s => s.Key), Is.EqualTo(new[] { "VS", "E" }));
        Assert.That(SourceCatalog.Parse(" OID ,E ,R").Select(s => s.Key), Is.EqualTo(new[] { "OID", "E", "R" }));
        Assert.That(SourceCatalog.Parse("R, R").Select(s => s.Key), Is.EqualTo(new[] { "R" }));
    }

    [Test]
    public void ParseRejectsUnknownKeysNamingThem()
    {
        Assert.That(() => SourceCatalog.Parse("R, XYZ, QQ"), Throws.TypeOf<FormatException>().With.Message.Contains("XYZ, QQ"));
        Assert.That(() => SourceCatalog.Parse("r"), Throws.TypeOf<FormatException>().With.Message.Contains("r"), "keys are upper case");
        Assert.That(() => SourceCatalog.Parse(" , "), Throws.TypeOf<FormatException>());
    }

    [Test]
    public void ACaseWithAnUnknownKeyIsCaught()
    {
        var broken = Catalogue.All[0] with { Source = "R, RFC9293" };
        Assert.That(() => SourceCatalog.For(broken), Throws.TypeOf<FormatException>().With.Message.Contains("RFC9293"));
    }

    [Test]
    public void SerialisesAsTheListCommandPrintsIt()
    {
        var c = Catalogue.Find("RSC-FLAG-001")!;
        using var json = JsonDocument.Parse(JsonSerializer.Serialize(SourceCatalog.For(c), ResultsJson.Options));
        var items = json.RootElement.EnumerateArray().ToList();
        Assert.That(items.Select(i => i.GetProperty("key").GetString()), Is.EqualTo(SourceCatalog.Parse(c.Source).Select(s => s.Key)));
        Assert.Multiple(() =>
        {
            foreach (var item in items)
            {
                Assert.That(item.EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { "key", "title", "url", "rules" }));
                string key = item.GetProperty("key").GetString()!;
                Assert.That(item.GetProperty("url").GetString(), Is.EqualTo(SourceCatalog.Find(key)!.Url));
                Assert.That(item.GetProperty("rules").GetString(), Is.EqualTo($"testcases/rules.md#{key.ToLowerInvariant()}"));
            }
        });
    }
}
