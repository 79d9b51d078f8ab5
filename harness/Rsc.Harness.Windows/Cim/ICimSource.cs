namespace Rsc.Harness.Windows.Cim;

/// <summary>
/// The few CIM operations the harness needs: enumerate a class, follow an association, call a
/// method. <see cref="CimSessionSource"/> talks to Windows; <see cref="RecordedCimSource"/> answers
/// from recorded instances.
/// </summary>
public interface ICimSource : IDisposable
{
    /// <summary>Every instance of <paramref name="className"/> in <paramref name="cimNamespace"/>.</summary>
    IReadOnlyList<CimObject> Instances(string cimNamespace, string className);

    /// <summary>Instances of <paramref name="resultClass"/> associated with <paramref name="source"/> (WQL ASSOCIATORS OF).</summary>
    IReadOnlyList<CimObject> Associators(string cimNamespace, CimObject source, string resultClass);

    /// <summary>
    /// Calls <paramref name="method"/> on <paramref name="instance"/> with boolean arguments and
    /// custom operation options (e.g. NoRestart); throws <see cref="CimCallException"/> when it fails.
    /// </summary>
    void Invoke(string cimNamespace, CimObject instance, string method, IReadOnlyDictionary<string, bool> arguments, IReadOnlyDictionary<string, bool> options);
}

/// <summary>A CIM call failed (access denied, provider error, nonzero return value).</summary>
public sealed class CimCallException(string message, Exception? inner = null) : Exception(message, inner);
