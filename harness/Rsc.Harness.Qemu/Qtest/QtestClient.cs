using System.Globalization;
using System.Net.Sockets;
using System.Runtime.Versioning;
using System.Text;
using Rsc.Harness.Core.Devices;
using Rsc.Harness.Live;

namespace Rsc.Harness.Qemu.Qtest;

/// <summary>
/// The harness end of QEMU's qtest protocol: the harness listens on a Unix stream socket and QEMU
/// (<c>-qtest unix:PATH</c>) connects. Each command is one line and is answered by one line
/// (<see cref="QtestResponse"/>); asynchronous <c>IRQ</c> lines in between are skipped. Every wait
/// has a timeout; a timeout, a closed socket or a FAIL answer is a <see cref="DeviceFailureException"/>
/// that quotes what <see cref="DescribeDevice"/> says about the QEMU process (exit code, stderr tail).
/// Thread-safe: one command at a time.
/// </summary>
internal sealed class QtestClient : IDisposable
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(5);

    private readonly Socket _listener;
    private readonly object _gate = new();
    private readonly byte[] _receiveBuffer = new byte[1 << 20];
    private readonly StringBuilder _pending = new();
    private Socket? _connection;
    private bool _disposed;

    private QtestClient(string path, Socket listener)
    {
        Path = path;
        _listener = listener;
    }

    public string Path { get; }

    /// <summary>How long one answer may take.</summary>
    public TimeSpan Timeout { get; set; } = DefaultTimeout;

    /// <summary>Describes the device process for error messages (exit code, stderr tail); may be empty.</summary>
    public Func<string> DescribeDevice { get; set; } = () => "";

    /// <summary>Commands sent so far (one round trip each).</summary>
    public long RoundTrips { get; private set; }

    [SupportedOSPlatform("linux")]
    public static QtestClient Listen(string path)
    {
        try
        {
            return new QtestClient(path, UnixListener.Listen(path, SocketType.Stream));
        }
        catch (SocketException e)
        {
            throw new DeviceFailureException($"cannot listen for qtest on {path}: {e.Message}", e);
        }
    }

    /// <summary>Waits for QEMU to connect; throws when it does not within <paramref name="timeout"/> or <paramref name="giveUp"/> says so.</summary>
    [SupportedOSPlatform("linux")]
    public void Accept(TimeSpan timeout, Func<bool>? giveUp = null)
    {
        _connection = UnixListener.Accept(_listener, timeout, giveUp);
        if (_connection is null)
        {
            throw Failure(giveUp?.Invoke() == true
                ? $"QEMU gave up before connecting to the qtest socket {Path}"
                : $"QEMU did not connect to the qtest socket {Path} within {timeout.TotalSeconds:0.#} s");
        }
    }

    public void Outb(ushort port, byte value) => Command(string.Create(CultureInfo.InvariantCulture, $"outb 0x{port:x} 0x{value:x}"));
    public void Outw(ushort port, ushort value) => Command(string.Create(CultureInfo.InvariantCulture, $"outw 0x{port:x} 0x{value:x}"));
    public void Outl(ushort port, uint value) => Command(string.Create(CultureInfo.InvariantCulture, $"outl 0x{port:x} 0x{value:x}"));
    public byte Inb(ushort port) => (byte)Command(string.Create(CultureInfo.InvariantCulture, $"inb 0x{port:x}")).Number();
    public ushort Inw(ushort port) => (ushort)Command(string.Create(CultureInfo.InvariantCulture, $"inw 0x{port:x}")).Number();
    public uint Inl(ushort port) => (uint)Command(string.Create(CultureInfo.InvariantCulture, $"inl 0x{port:x}")).Number();

    public byte Readb(ulong address) => (byte)Command(Format("readb", address)).Number();
    public ushort Readw(ulong address) => (ushort)Command(Format("readw", address)).Number();
    public uint Readl(ulong address) => (uint)Command(Format("readl", address)).Number();
    public ulong Readq(ulong address) => Command(Format("readq", address)).Number();

    public void Writeb(ulong address, byte value) => Command(Format("writeb", address, value));
    public void Writew(ulong address, ushort value) => Command(Format("writew", address, value));
    public void Writel(ulong address, uint value) => Command(Format("writel", address, value));
    public void Writeq(ulong address, ulong value) => Command(Format("writeq", address, value));

    /// <summary>Reads guest memory (<c>b64read</c>: a third fewer characters on the wire than <c>read</c>'s hex).</summary>
    public byte[] ReadBytes(ulong address, int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        if (length == 0)
        {
            return [];
        }
        var data = Command(string.Create(CultureInfo.InvariantCulture, $"b64read 0x{address:x} 0x{length:x}")).Base64Bytes();
        if (data.Length != length)
        {
            throw Failure($"qtest b64read of {length} bytes at 0x{address:x} returned {data.Length} bytes");
        }
        return data;
    }

    /// <summary>Writes guest memory (<c>b64write</c>).</summary>
    public void WriteBytes(ulong address, ReadOnlySpan<byte> data)
    {
        if (data.Length == 0)
        {
            return;
        }
        if (data.Length < 3)
        {
            // b64write wants at least 3 characters of data; tiny writes go byte by byte.
            for (int i = 0; i < data.Length; i++)
            {
                Writeb(address + (ulong)i, data[i]);
            }
            return;
        }
        Command(string.Create(CultureInfo.InvariantCulture, $"b64write 0x{address:x} 0x{data.Length:x} {Convert.ToBase64String(data)}"));
    }

    /// <summary>Fills guest memory with one byte value (<c>memset</c>).</summary>
    public void Fill(ulong address, int length, byte value)
    {
        if (length > 0)
        {
            Command(string.Create(CultureInfo.InvariantCulture, $"memset 0x{address:x} 0x{length:x} 0x{value:x}"));
        }
    }

    /// <summary>Sends one command line and returns its answer; a FAIL/ERR answer throws.</summary>
    public QtestResponse Command(string line)
    {
        ArgumentException.ThrowIfNullOrEmpty(line);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var connection = _connection ?? throw new InvalidOperationException("QEMU has not connected to the qtest socket");
            try
            {
                var bytes = Encoding.ASCII.GetBytes(line + "\n");
                int sent = 0;
                while (sent < bytes.Length)
                {
                    sent += connection.Send(bytes, sent, bytes.Length - sent, SocketFlags.None);
                }
            }
            catch (SocketException e)
            {
                throw Failure($"qtest command '{Head(line)}' could not be sent: {e.Message}", e);
            }
            RoundTrips++;
            var deadline = DateTime.UtcNow + Timeout;
            while (true)
            {
                var answerLine = ReadLine(connection, deadline, line);
                var answer = QtestResponse.Parse(answerLine);
                if (answer is null)
                {
                    continue;
                }
                if (!answer.Value.Ok)
                {
                    throw Failure($"qtest command '{Head(line)}' answered '{answer.Value.Payload}'");
                }
                return answer.Value;
            }
        }
    }

    private string ReadLine(Socket connection, DateTime deadline, string command)
    {
        while (true)
        {
            for (int i = 0; i < _pending.Length; i++)
            {
                if (_pending[i] == '\n')
                {
                    var result = _pending.ToString(0, i);
                    _pending.Remove(0, i + 1);
                    return result;
                }
            }
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero)
            {
                throw Failure($"qtest command '{Head(command)}' got no answer within {Timeout.TotalSeconds:0.###} s");
            }
            int n;
            try
            {
                if (!connection.Poll((int)Math.Min(left.TotalMicroseconds, 100_000), SelectMode.SelectRead))
                {
                    continue;
                }
                n = connection.Receive(_receiveBuffer, SocketFlags.None);
            }
            catch (SocketException e)
            {
                throw Failure($"qtest connection failed during '{Head(command)}': {e.Message}", e);
            }
            if (n == 0)
            {
                throw Failure($"QEMU closed the qtest connection during '{Head(command)}'");
            }
            _pending.Append(Encoding.ASCII.GetString(_receiveBuffer, 0, n));
        }
    }

    private DeviceFailureException Failure(string message, Exception? inner = null)
    {
        string more;
        try
        {
            more = DescribeDevice();
        }
        catch (Exception e) when (e is InvalidOperationException or IOException)
        {
            more = "";
        }
        var text = string.IsNullOrWhiteSpace(more) ? message : $"{message}; {more}";
        return inner is null ? new DeviceFailureException(text) : new DeviceFailureException(text, inner);
    }

    private static string Head(string line) => line.Length <= 48 ? line : line[..48] + "...";

    private static string Format(string verb, ulong address) =>
        string.Create(CultureInfo.InvariantCulture, $"{verb} 0x{address:x}");

    private static string Format(string verb, ulong address, ulong value) =>
        string.Create(CultureInfo.InvariantCulture, $"{verb} 0x{address:x} 0x{value:x}");

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }
            _disposed = true;
            _connection?.Dispose();
            _listener.Dispose();
        }
        try
        {
            File.Delete(Path);
        }
        catch (IOException)
        {
            // Left for the sweep.
        }
    }
}
