using System.Globalization;
using Rsc.Harness.Core.Devices;
using Rsc.Harness.Qemu.Host;
using Rsc.Harness.Qemu.Virtio;

namespace Rsc.Harness.Qemu;

/// <summary>
/// The settings after <c>qemu:</c> in a --dut spelling:
/// <c>interval-us=N</c> (QEMU's rsc_interval), <c>mrg=on|off</c> (MRG_RXBUF), <c>rsc-ext=on|off</c>
/// (whether the guest accepts RSC_EXT), <c>binary=PATH</c>, <c>rx-buffers=N</c>, <c>buffer-size=N</c>.
/// </summary>
public sealed record QemuDeviceOptions
{
    public const string Syntax =
        "qemu[:interval-us=N,mrg=on|off,rsc-ext=on|off,binary=PATH,rx-buffers=N,buffer-size=N]";

    /// <summary>QEMU's rsc_interval when given; otherwise the run's interval is used.</summary>
    public long? DrainIntervalNs { get; init; }

    public bool MergeableBuffers { get; init; }

    public bool RscExt { get; init; } = true;

    public string Binary { get; init; } = QemuVersion.DefaultBinary;

    public int? RxBuffers { get; init; }

    public int? RxBufferSize { get; init; }

    public VirtioNetDriverSettings DriverSettings => VirtioNetDriverSettings.For(RscExt, MergeableBuffers, RxBuffers, RxBufferSize);

    /// <summary>Parses the options; throws <see cref="ArgumentException"/> with a one-line reason.</summary>
    public static QemuDeviceOptions Parse(string? options) => Parse(QemuDeviceFactory.Kind + ":" + options, options);

    /// <summary>As <see cref="Parse(string?)"/>, naming the whole spelling <paramref name="spec"/> in messages.</summary>
    public static QemuDeviceOptions Parse(string spec, string? options)
    {
        var result = new QemuDeviceOptions();
        foreach (var (key, value) in DeviceOptionList.Parse(spec, options, Syntax))
        {
            result = key switch
            {
                "interval-us" => result with { DrainIntervalNs = checked(PositiveInt(key, value, 60_000_000) * 1000L) },
                "mrg" => result with { MergeableBuffers = OnOff(key, value) },
                "rsc-ext" => result with { RscExt = OnOff(key, value) },
                "binary" => result with { Binary = value },
                "rx-buffers" => result with { RxBuffers = PositiveInt(key, value, 1024) },
                "buffer-size" => result with { RxBufferSize = PositiveInt(key, value, 1 << 20) },
                _ => throw new ArgumentException($"unknown qemu option '{key}'; expected {Syntax}"),
            };
        }
        if (result.RxBufferSize is { } size && size < 64)
        {
            throw new ArgumentException($"qemu option buffer-size={size} is too small (at least 64 bytes)");
        }
        if (!result.MergeableBuffers && result.RxBufferSize is { } whole && whole < VirtioNetDriverSettings.WholeFrameBufferSize)
        {
            throw new ArgumentException(
                $"qemu option buffer-size={whole} needs mrg=on: without mergeable buffers QEMU drops any frame that does not fit one buffer ({VirtioNetDriverSettings.WholeFrameBufferSize} bytes fit all)");
        }
        return result;
    }

    private static bool OnOff(string key, string value) => value.ToLowerInvariant() switch
    {
        "on" or "true" or "yes" or "1" => true,
        "off" or "false" or "no" or "0" => false,
        _ => throw new ArgumentException($"qemu option {key} must be on or off, not '{value}'"),
    };

    private static int PositiveInt(string key, string value, int max)
    {
        if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int n) || n <= 0 || n > max)
        {
            throw new ArgumentException($"qemu option {key} must be an integer from 1 to {max}, not '{value}'");
        }
        return n;
    }
}
