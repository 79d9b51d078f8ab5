using System.Runtime.Versioning;
using Microsoft.Management.Infrastructure;
using Microsoft.Management.Infrastructure.Options;

namespace Rsc.Harness.Windows.Cim;

/// <summary>
/// CIM on this Windows machine through MI (Microsoft.Management.Infrastructure), the API behind
/// Get-CimInstance and the NetAdapter cmdlets. Windows only: elsewhere creating a session throws
/// DllNotFoundException (no libmi).
/// </summary>
[SupportedOSPlatform("windows")]
public sealed class CimSessionSource : ICimSource
{
    private readonly CimSession _session;

    private CimSessionSource(CimSession session) => _session = session;

    /// <summary>A session to the local machine; throws <see cref="CimCallException"/> when MI refuses.</summary>
    public static CimSessionSource OpenLocal()
    {
        try
        {
            return new CimSessionSource(CimSession.Create(null));
        }
        catch (CimException e)
        {
            throw new CimCallException($"cannot open a CIM session on this machine: {e.Message}", e);
        }
    }

    public IReadOnlyList<CimObject> Instances(string cimNamespace, string className) =>
        Query(cimNamespace, $"SELECT * FROM {className}");

    public IReadOnlyList<CimObject> Associators(string cimNamespace, CimObject source, string resultClass)
    {
        ArgumentNullException.ThrowIfNull(source);
        var id = source.Text("InstanceID") ?? throw new CimDataException($"{source.ClassName} has no InstanceID to follow an association from");
        return Query(cimNamespace, $"ASSOCIATORS OF {{{source.ClassName}.InstanceID='{id.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal)}'}} WHERE ResultClass = {resultClass}");
    }

    public void Invoke(string cimNamespace, CimObject instance, string method, IReadOnlyDictionary<string, bool> arguments, IReadOnlyDictionary<string, bool> options)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(options);
        var native = instance.Native as CimInstance ?? throw new CimCallException($"{instance.ClassName} was not read from this session; cannot call {method} on it");
        using var parameters = new CimMethodParametersCollection();
        foreach (var (name, value) in arguments)
        {
            parameters.Add(CimMethodParameter.Create(name, value, CimType.Boolean, CimFlags.In));
        }
        using var operation = new CimOperationOptions();
        foreach (var (name, value) in options)
        {
            operation.SetCustomOption(name, value, mustComply: false);
        }
        try
        {
            using var result = _session.InvokeMethod(cimNamespace, native, method, parameters, operation);
            if (result.ReturnValue?.Value is { } code && Convert.ToUInt64(code, System.Globalization.CultureInfo.InvariantCulture) != 0)
            {
                throw new CimCallException($"{instance.ClassName}.{method} returned {code}");
            }
        }
        catch (CimException e)
        {
            throw new CimCallException($"{instance.ClassName}.{method} failed: {e.Message}", e);
        }
    }

    public void Dispose() => _session.Dispose();

    private List<CimObject> Query(string cimNamespace, string wql)
    {
        try
        {
            return [.. _session.QueryInstances(cimNamespace, "WQL", wql).Select(ToObject)];
        }
        catch (CimException e)
        {
            throw new CimCallException($"CIM query '{wql}' in {cimNamespace} failed: {e.Message}", e);
        }
    }

    private static CimObject ToObject(CimInstance instance)
    {
        var properties = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var p in instance.CimInstanceProperties)
        {
            properties[p.Name] = p.Value is CimInstance embedded ? ToObject(embedded) : p.Value;
        }
        return new CimObject(instance.CimSystemProperties.ClassName, properties) { Native = instance };
    }
}
