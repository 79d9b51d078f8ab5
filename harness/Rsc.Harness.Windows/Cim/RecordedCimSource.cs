using System.Text.Json;

namespace Rsc.Harness.Windows.Cim;

/// <summary>
/// CIM answered from a recording: per class, a list of snapshots of its instances' property values
/// (as Get-CimInstance shows them); each enumeration returns the next snapshot and the last one
/// repeats, so counters read before and after a case come out as recorded. Method calls are kept in
/// <see cref="Calls"/> and change nothing.
/// </summary>
/// <remarks>
/// Format: <c>{"instances": {"NAMESPACE:CLASS": [[{instance}, ...], ...]}, "associations":
/// [{"namespace": N, "sourceClass": C, "sourceKey": {"InstanceID": ...}, "resultClass": R,
/// "results": [{"InstanceID": ...}]}]}</c>. Numbers are unsigned integers, objects in a property
/// are embedded instances (their class in an optional "CimClass" member, "NAMESPACE:CLASS").
/// </remarks>
public sealed class RecordedCimSource : ICimSource
{
    private readonly Dictionary<string, List<IReadOnlyList<CimObject>>> _snapshots = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, int> _reads = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<Association> _associations = [];
    private readonly List<RecordedCall> _calls = [];
    private readonly Lock _gate = new();

    private sealed record Association(string Namespace, string SourceClass, string KeyName, string KeyValue, string ResultClass, string ResultKeyName, IReadOnlyList<string> Results);

    /// <summary>A method call as the harness made it.</summary>
    public sealed record RecordedCall(string Namespace, string ClassName, string Method, IReadOnlyDictionary<string, bool> Arguments, IReadOnlyDictionary<string, bool> Options, string? InstanceName);

    public IReadOnlyList<RecordedCall> Calls
    {
        get
        {
            lock (_gate)
            {
                return [.. _calls];
            }
        }
    }

    /// <summary>Throws <see cref="CimDataException"/> with a one-line reason when the recording is malformed.</summary>
    public static RecordedCimSource Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var source = new RecordedCimSource();
        try
        {
            using var doc = JsonDocument.Parse(json);
            var root = doc.RootElement;
            foreach (var cls in root.GetProperty("instances").EnumerateObject())
            {
                var className = cls.Name[(cls.Name.LastIndexOf(':') + 1)..];
                var snapshots = new List<IReadOnlyList<CimObject>>();
                foreach (var snapshot in cls.Value.EnumerateArray())
                {
                    snapshots.Add([.. snapshot.EnumerateArray().Select(i => ToObject(className, i))]);
                }
                if (snapshots.Count == 0)
                {
                    throw new CimDataException($"recording of {cls.Name} holds no snapshot");
                }
                source._snapshots[cls.Name] = snapshots;
            }
            if (root.TryGetProperty("associations", out var associations))
            {
                foreach (var a in associations.EnumerateArray())
                {
                    var key = a.GetProperty("sourceKey").EnumerateObject().Single();
                    var results = a.GetProperty("results").EnumerateArray().Select(r => r.EnumerateObject().Single()).ToList();
                    source._associations.Add(new Association(
                        a.GetProperty("namespace").GetString()!,
                        a.GetProperty("sourceClass").GetString()!,
                        key.Name,
                        key.Value.GetString()!,
                        a.GetProperty("resultClass").GetString()!,
                        results.Count == 0 ? key.Name : results[0].Name,
                        [.. results.Select(r => r.Value.GetString()!)]));
                }
            }
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new CimDataException($"malformed CIM recording: {e.Message.ReplaceLineEndings(" ")}");
        }
        return source;
    }

    public static RecordedCimSource Load(string path) => Parse(File.ReadAllText(path));

    public IReadOnlyList<CimObject> Instances(string cimNamespace, string className)
    {
        var key = $"{cimNamespace}:{className}";
        lock (_gate)
        {
            if (!_snapshots.TryGetValue(key, out var snapshots))
            {
                return [];
            }
            int read = _reads.GetValueOrDefault(key);
            _reads[key] = read + 1;
            return snapshots[Math.Min(read, snapshots.Count - 1)];
        }
    }

    public IReadOnlyList<CimObject> Associators(string cimNamespace, CimObject source, string resultClass)
    {
        ArgumentNullException.ThrowIfNull(source);
        foreach (var a in _associations)
        {
            if (string.Equals(a.Namespace, cimNamespace, StringComparison.OrdinalIgnoreCase)
                && string.Equals(a.SourceClass, source.ClassName, StringComparison.OrdinalIgnoreCase)
                && string.Equals(a.ResultClass, resultClass, StringComparison.OrdinalIgnoreCase)
                && source.Text(a.KeyName) == a.KeyValue)
            {
                return [.. Instances(cimNamespace, resultClass).Where(i => a.Results.Contains(i.Text(a.ResultKeyName)))];
            }
        }
        return [];
    }

    public void Invoke(string cimNamespace, CimObject instance, string method, IReadOnlyDictionary<string, bool> arguments, IReadOnlyDictionary<string, bool> options)
    {
        ArgumentNullException.ThrowIfNull(instance);
        lock (_gate)
        {
            _calls.Add(new RecordedCall(cimNamespace, instance.ClassName, method, arguments, options, instance.Text("Name")));
        }
    }

    public void Dispose()
    {
    }

    private static CimObject ToObject(string className, JsonElement element)
    {
        var properties = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var p in element.EnumerateObject())
        {
            if (p.Name == "CimClass")
            {
                continue;
            }
            properties[p.Name] = ToValue(p.Value);
        }
        return new CimObject(className, properties);
    }

    private static object? ToValue(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Null => null,
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number when value.TryGetUInt64(out var u) => u,
        JsonValueKind.Number when value.TryGetInt64(out var l) => l,
        JsonValueKind.Number => value.GetDouble(),
        JsonValueKind.Array => value.EnumerateArray().Select(ToValue).ToArray(),
        JsonValueKind.Object => ToObject(EmbeddedClass(value), value),
        _ => throw new CimDataException($"unexpected JSON value {value.ValueKind}"),
    };

    private static string EmbeddedClass(JsonElement value) =>
        value.TryGetProperty("CimClass", out var c) && c.GetString() is { } name ? name[(name.LastIndexOf(':') + 1)..] : "embedded";
}
