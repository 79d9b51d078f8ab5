using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace Rsc.Device.Daemon.Linux;

/// <summary>
/// The few Linux system calls the daemon needs, with blittable signatures only (pointers and
/// integers), so no call marshals or allocates. Every import records errno.
/// </summary>
[SupportedOSPlatform("linux")]
internal static unsafe class LibC
{
    private const string Library = "libc";

    // open(2)
    public const int O_RDWR = 0x2;
    public const int O_NONBLOCK = 0x800;
    public const int O_CLOEXEC = 0x80000;

    // errno
    public const int EINTR = 4;
    public const int EAGAIN = 11;
    public const int EPIPE = 32;
    public const int EBADFD = 77;
    public const int ECONNRESET = 104;
    public const int ENOTCONN = 107;

    // socket(2)
    public const int AF_UNIX = 1;
    public const int SOCK_SEQPACKET = 5;
    public const int SOCK_CLOEXEC = 0x80000;
    public const int MSG_DONTWAIT = 0x40;
    public const int MSG_NOSIGNAL = 0x4000;

    // poll(2)
    public const short POLLIN = 0x001;
    public const short POLLERR = 0x008;
    public const short POLLHUP = 0x010;
    public const short POLLNVAL = 0x020;

    // eventfd(2)
    public const int EFD_NONBLOCK = 0x800;
    public const int EFD_CLOEXEC = 0x80000;

    // prctl(2)
    public const int PR_SET_TIMERSLACK = 29;
    public const int PR_GET_TIMERSLACK = 30;

    // linux/if_tun.h
    public const uint TUNSETIFF = 0x400454ca;
    public const uint TUNSETVNETHDRSZ = 0x400454d8;
    public const short IFF_TAP = 0x0002;
    public const short IFF_NO_PI = 0x1000;
    public const short IFF_VNET_HDR = 0x4000;

    /// <summary>IFNAMSIZ, the terminating NUL included.</summary>
    public const int IFNAMSIZ = 16;

    /// <summary>sizeof(struct ifreq) on 64-bit Linux.</summary>
    public const int IfreqSize = 40;

    /// <summary>sizeof(sockaddr_un.sun_path).</summary>
    public const int SunPathSize = 108;

    [DllImport(Library, EntryPoint = "open", SetLastError = true)]
    public static extern int Open(byte* path, int flags);

    [DllImport(Library, EntryPoint = "close", SetLastError = true)]
    public static extern int Close(int fd);

    [DllImport(Library, EntryPoint = "read", SetLastError = true)]
    public static extern nint Read(int fd, byte* buffer, nuint count);

    [DllImport(Library, EntryPoint = "gettid")]
    public static extern int GetThreadId();

    [DllImport(Library, EntryPoint = "setpriority", SetLastError = true)]
    public static extern int SetPriority(int which, int who, int priority);

    public const int SCHED_FIFO = 1;

    /// <summary>sched_setscheduler(tid, policy, &amp;sched_priority).</summary>
    [DllImport(Library, EntryPoint = "sched_setscheduler", SetLastError = true)]
    public static extern int SetScheduler(int tid, int policy, int* priority);

    [DllImport(Library, EntryPoint = "write", SetLastError = true)]
    public static extern nint Write(int fd, byte* buffer, nuint count);

    [DllImport(Library, EntryPoint = "ioctl", SetLastError = true)]
    public static extern int Ioctl(int fd, nuint request, void* argument);


    [DllImport(Library, EntryPoint = "socket", SetLastError = true)]
    public static extern int Socket(int domain, int type, int protocol);

    [DllImport(Library, EntryPoint = "connect", SetLastError = true)]
    public static extern int Connect(int fd, void* address, uint addressLength);


    [DllImport(Library, EntryPoint = "send", SetLastError = true)]
    public static extern nint Send(int fd, byte* buffer, nuint length, int flags);

    [DllImport(Library, EntryPoint = "recv", SetLastError = true)]
    public static extern nint Recv(int fd, byte* buffer, nuint length, int flags);

    [DllImport(Library, EntryPoint = "ppoll", SetLastError = true)]
    public static extern int PPoll(PollFd* fds, nuint count, Timespec* timeout, void* signalMask);

    [DllImport(Library, EntryPoint = "eventfd", SetLastError = true)]
    public static extern int EventFd(uint initialValue, int flags);

    [DllImport(Library, EntryPoint = "prctl", SetLastError = true)]
    public static extern int Prctl(int option, nuint argument2, nuint argument3, nuint argument4, nuint argument5);

    /// <summary>errno of the last failed call on this thread.</summary>
    public static int LastError => Marshal.GetLastPInvokeError();

    /// <summary>strerror-like text for an errno, e.g. "No such device (errno 19)".</summary>
    public static string Describe(int errno) => $"{Marshal.GetPInvokeErrorMessage(errno)} (errno {errno})";

    /// <summary>Copies <paramref name="text"/> as a NUL-terminated UTF-8 string into <paramref name="destination"/>.</summary>
    /// <returns>false when it does not fit.</returns>
    public static bool TryWriteCString(ReadOnlySpan<char> text, Span<byte> destination)
    {
        if (!System.Text.Encoding.UTF8.TryGetBytes(text, destination, out int written) || written >= destination.Length)
        {
            return false;
        }
        destination[written..].Clear();
        return true;
    }
}

/// <summary>struct pollfd.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct PollFd
{
    public int Fd;
    public short Events;
    public short ReturnedEvents;
}

/// <summary>struct timespec (64-bit).</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct Timespec
{
    public long Seconds;
    public long Nanoseconds;

    public static Timespec FromNanoseconds(long ns) => new() { Seconds = ns / 1_000_000_000, Nanoseconds = ns % 1_000_000_000 };
}
