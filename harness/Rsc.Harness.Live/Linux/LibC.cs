using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace Rsc.Harness.Live.Linux;

/// <summary>The few Linux system calls .NET does not wrap: tun, AF_PACKET, network namespaces.</summary>
[SupportedOSPlatform("linux")]
internal static unsafe partial class LibC
{
    public const int AF_PACKET = 17;
    public const int SOCK_RAW = 3;
    public const int SOCK_CLOEXEC = 0x80000;
    public const int SOL_SOCKET = 1;
    public const int SO_SNDBUF = 7;
    public const int SO_RCVBUF = 8;
    public const int SOL_PACKET = 263;
    public const int PACKET_VNET_HDR = 15;
    public const int PACKET_QDISC_BYPASS = 20;
    public const int PACKET_IGNORE_OUTGOING = 23;
    public const ushort ETH_P_ALL = 0x0003;
    public const byte PACKET_OUTGOING = 4;

    public const int O_RDWR = 2;
    public const int O_RDONLY = 0;
    public const int O_CLOEXEC = 0x80000;

    public const uint TUNSETIFF = 0x400454ca;
    public const uint TUNSETPERSIST = 0x400454cb;
    public const uint TUNSETVNETHDRSZ = 0x400454d8;
    public const short IFF_TAP = 0x0002;
    public const short IFF_NO_PI = 0x1000;
    public const short IFF_VNET_HDR = 0x4000;

    public const int CLONE_NEWNET = 0x40000000;
    public const short POLLIN = 0x0001;
    public const int EINTR = 4;
    public const int EAGAIN = 11;
    public const int ENOBUFS = 105;
    public const int MSG_DONTWAIT = 0x40;
    public const int MSG_TRUNC = 0x20;
    public const int SO_TIMESTAMPNS = 35;
    public const int SCM_TIMESTAMPNS = SO_TIMESTAMPNS;
    public const int CLOCK_REALTIME = 0;

    [StructLayout(LayoutKind.Sequential)]
    public struct PollFd
    {
        public int Fd;
        public short Events;
        public short Revents;
    }

    /// <summary>struct sockaddr_ll (20 bytes).</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct SockAddrLl
    {
        public ushort Family;
        public ushort Protocol;
        public int IfIndex;
        public ushort HaType;
        public byte PktType;
        public byte HaLen;
        public ulong Addr;
    }

    /// <summary>struct ifreq as TUNSETIFF reads it: a 16-byte name and the flags.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct IfReq
    {
        public fixed byte Name[16];
        public short Flags;
        public fixed byte Padding[22];
    }

    [DllImport("libc", SetLastError = true)]
    public static extern int socket(int domain, int type, int protocol);

    [DllImport("libc", SetLastError = true)]
    public static extern int bind(int fd, void* addr, int addrLength);

    [DllImport("libc", SetLastError = true)]
    public static extern int setsockopt(int fd, int level, int name, void* value, int length);

    [DllImport("libc", SetLastError = true)]
    public static extern nint send(int fd, void* buffer, nint length, int flags);

    /// <summary>struct iovec.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct IoVec
    {
        public void* Base;
        public nuint Length;
    }

    /// <summary>struct msghdr (x86_64 / arm64 layout).</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct MsgHdr
    {
        public void* Name;
        public uint NameLength;
        public IoVec* Iov;
        public nuint IovLength;
        public void* Control;
        public nuint ControlLength;
        public int Flags;
    }

    /// <summary>struct cmsghdr; the data follows at <see cref="CmsgDataOffset"/>.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct CmsgHdr
    {
        public nuint Length;
        public int Level;
        public int Type;
    }

    /// <summary>CMSG_DATA's offset: the header rounded up to sizeof(size_t).</summary>
    public static readonly int CmsgDataOffset = (sizeof(CmsgHdr) + sizeof(nuint) - 1) & ~(sizeof(nuint) - 1);

    /// <summary>struct timespec.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [DllImport("libc", SetLastError = true)]
    public static extern nint recvmsg(int fd, MsgHdr* message, int flags);

    [DllImport("libc", SetLastError = true)]
    public static extern int clock_gettime(int clock, TimeSpec* time);

    [DllImport("libc", SetLastError = true)]
    public static extern int poll(PollFd* fds, nuint count, int timeoutMs);

    [DllImport("libc", SetLastError = true)]
    public static extern int close(int fd);

    [DllImport("libc", SetLastError = true, EntryPoint = "open")]
    public static extern int open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

    [DllImport("libc", SetLastError = true)]
    public static extern nint read(int fd, void* buffer, nint length);

    [DllImport("libc", SetLastError = true)]
    public static extern int ioctl(int fd, nuint request, void* argument);

    [DllImport("libc", SetLastError = true)]
    public static extern uint if_nametoindex([MarshalAs(UnmanagedType.LPUTF8Str)] string name);

    [DllImport("libc", SetLastError = true)]
    public static extern int setns(int fd, int nsType);

    [DllImport("libc")]
    public static extern uint geteuid();

    [DllImport("libc")]
    public static extern int gettid();

    [DllImport("libc", SetLastError = true)]
    public static extern int setpriority(int which, int who, int priority);

    public const int SCHED_FIFO = 1;

    [DllImport("libc", SetLastError = true)]
    public static extern int sched_setscheduler(int tid, int policy, int* priority);

    public static ushort HostToNetwork(ushort value) => (ushort)((value << 8) | (value >> 8));

    /// <summary>errno of the last call, as "EPERM (Operation not permitted)"-like text.</summary>
    public static string LastError()
    {
        int errno = Marshal.GetLastPInvokeError();
        return $"{Marshal.GetPInvokeErrorMessage(errno)} (errno {errno})";
    }
}

/// <summary>Signals, for stopping a device's whole process group.</summary>
[SupportedOSPlatform("linux")]
internal static partial class Signals
{
    public const int SIGKILL = 9;
    public const int SIGTERM = 15;

    [DllImport("libc", SetLastError = true)]
    public static extern int kill(int pid, int signal);
}
