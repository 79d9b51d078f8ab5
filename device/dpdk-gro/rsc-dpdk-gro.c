/*
 * rsc-dpdk-gro: DPDK's GRO library (lib/gro, heavyweight mode with a context) as an RSC device
 * under test, through RscConformance's external-device contract.
 *
 * Per case the harness starts this program with RSC_TAP (a TAP opened with IFF_VNET_HDR),
 * RSC_GUEST_SOCKET (a Unix SOCK_SEQPACKET socket to connect to) and RSC_INTERVAL_NS. Each frame read
 * from the TAP is copied into mbufs and handed to rte_gro_reassemble(); what the library returns
 * unprocessed goes to the guest at once, as DPDK's own testpmd forwards it (csumonly.c), and what it
 * holds comes out of rte_gro_timeout_flush() once it has been held RSC_INTERVAL_NS. SIGTERM flushes
 * everything held, then the program exits.
 *
 * Nothing is added to what DPDK did. Each guest message is the 12-byte virtio_net_hdr_v1 and the
 * frame as the library left it (headers, checksums and payload untouched by this program). The
 * header's fields and where each comes from:
 *   flags        VIRTIO_NET_HDR_F_RSC_INFO when the frame holds more than one received frame
 *                (the segment count below is above 1), else 0. No NEEDS_CSUM, no DATA_VALID: the
 *                library neither computes nor validates checksums (rte_gro.h).
 *   gso_type     TCPV4 only when the library marked the mbuf for segmentation
 *                (RTE_MBUF_F_TX_TCP_SEG in ol_flags), else NONE. DPDK 22.11's gro_tcp4.c sets no
 *                ol_flags, so it is NONE on every frame with that release.
 *   hdr_len      0 (the library reports no header length).
 *   gso_size     the mbuf's tso_segsz under the same condition as gso_type, else 0.
 *   csum_start   with RSC_INFO: the number of received frames the library chained into this one.
 *                Each received frame's first mbuf carries a registered dynamic flag, so the count
 *                is read back from the chain; it equals the library's own nb_merged for the item
 *                (gro_tcp4_item.nb_merged, incremented once per merge_two_tcp4_packets), which the
 *                API does not expose. Without RSC_INFO: 0.
 *   csum_offset  with RSC_INFO: 0 duplicate ACKs. gro_tcp4_reassemble returns every segment
 *                without payload to the caller, so the library never absorbs an ACK.
 *   num_buffers  1: the whole frame is one message.
 *
 * Options (each may also come from the environment as in the contract):
 *   --tap IF --guest-socket PATH --interval-ns N --max-flows N --max-items-per-flow N --version
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <linux/if.h>
#include <linux/if_tun.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include <rte_cycles.h>
#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_gro.h>
#include <rte_lcore.h>
#include <rte_log.h>
#include <rte_mbuf.h>
#include <rte_mbuf_dyn.h>
#include <rte_net.h>
#include <rte_version.h>

#define PROGRAM "rsc-dpdk-gro"
#define VNET_HDR_LEN 12
#define VIRTIO_NET_HDR_F_RSC_INFO 4
#define VIRTIO_NET_HDR_GSO_NONE 0
#define VIRTIO_NET_HDR_GSO_TCPV4 1
/* The largest frame the TAP can hand over: its MTU is at most 65535, plus Ethernet and a VLAN tag. */
#define MAX_FRAME (65535 + 18)
#define BURST 32
#define FLUSH_BATCH 256
/* Enough mbufs for the largest case (about 3,000 frames, or 1,024 flows held at once) several times over. */
#define POOL_MBUFS 32767
#define POOL_CACHE 256
#define EAL_MEMORY_MB "256"

/* Times (TSC) at which rte_gro_reassemble() stored packets, oldest first: the next flush is due
 * one interval after the oldest. A circular buffer; when it is full the newest time is
 * overwritten, which can only delay the flush of packets stored in the same instant. */
#define HOLD_TIMES 65536

struct settings {
    const char *tap;
    const char *guest_socket;
    uint64_t interval_ns;
    unsigned max_flows;
    unsigned max_items_per_flow;
};

static volatile sig_atomic_t stop_requested;
static uint64_t frame_start_flag;      /* the dynamic ol_flags bit marking a received frame's first mbuf */
static uint8_t rx_buffer[VNET_HDR_LEN + MAX_FRAME];
static uint8_t tx_buffer[VNET_HDR_LEN + MAX_FRAME];
static uint64_t hold_times[HOLD_TIMES];
static unsigned hold_head, hold_count;

static struct {
    uint64_t read, delivered, coalesced, passed, dropped_no_mbuf, dropped_short, send_errors;
} stats;

static void fail(const char *format, ...)
{
    va_list args;
    va_start(args, format);
    fputs(PROGRAM ": ", stderr);
    vfprintf(stderr, format, args);
    fputc('\n', stderr);
    va_end(args);
    exit(1);
}

static void on_signal(int signo)
{
    (void)signo;
    stop_requested = 1;
}

static unsigned long parse_number(const char *what, const char *text, unsigned long max)
{
    char *end = NULL;
    errno = 0;
    unsigned long value = strtoul(text, &end, 10);
    if (errno != 0 || end == text || *end != '\0' || value == 0 || value > max) {
        fail("%s must be an integer from 1 to %lu, not '%s'", what, max, text);
    }
    return value;
}

static void parse_settings(int argc, char **argv, struct settings *s)
{
    s->tap = getenv("RSC_TAP");
    s->guest_socket = getenv("RSC_GUEST_SOCKET");
    const char *interval = getenv("RSC_INTERVAL_NS");
    s->interval_ns = interval != NULL ? parse_number("RSC_INTERVAL_NS", interval, 60000000000UL) : 0;
    s->max_flows = 1024;
    s->max_items_per_flow = 32;
    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i];
        if (strcmp(arg, "--version") == 0) {
            printf("%s\n", rte_version());
            exit(0);
        }
        if (i + 1 >= argc) {
            fail("unknown or incomplete option '%s'; usage: " PROGRAM " [--tap IF] [--guest-socket PATH] "
                 "[--interval-ns N] [--max-flows N] [--max-items-per-flow N] | --version", arg);
        }
        const char *value = argv[++i];
        if (strcmp(arg, "--tap") == 0) {
            s->tap = value;
        } else if (strcmp(arg, "--guest-socket") == 0) {
            s->guest_socket = value;
        } else if (strcmp(arg, "--interval-ns") == 0) {
            s->interval_ns = parse_number(arg, value, 60000000000UL);
        } else if (strcmp(arg, "--max-flows") == 0) {
            s->max_flows = (unsigned)parse_number(arg, value, UINT16_MAX);
        } else if (strcmp(arg, "--max-items-per-flow") == 0) {
            s->max_items_per_flow = (unsigned)parse_number(arg, value, UINT16_MAX);
        } else {
            fail("unknown option '%s'", arg);
        }
    }
    if (s->tap == NULL || *s->tap == '\0') {
        fail("no TAP: set RSC_TAP or pass --tap");
    }
    if (s->guest_socket == NULL || *s->guest_socket == '\0') {
        fail("no guest socket: set RSC_GUEST_SOCKET or pass --guest-socket");
    }
    if (s->interval_ns == 0) {
        fail("no drain interval: set RSC_INTERVAL_NS or pass --interval-ns");
    }
}

/* "0@(a,b,...)": one lcore that may run on every CPU this process may use, so EAL pins nothing. */
static void lcore_argument(char *out, size_t size)
{
    cpu_set_t cpus;
    size_t used = (size_t)snprintf(out, size, "--lcores=0@(");
    int written = 0;
    if (sched_getaffinity(0, sizeof cpus, &cpus) == 0) {
        for (int cpu = 0; cpu < CPU_SETSIZE && used + 8 < size; cpu++) {
            if (CPU_ISSET(cpu, &cpus)) {
                used += (size_t)snprintf(out + used, size - used, "%s%d", written++ ? "," : "", cpu);
            }
        }
    }
    if (written == 0) {
        used += (size_t)snprintf(out + used, size - used, "0");
    }
    snprintf(out + used, size - used, ")");
}

/* EAL makes RUNTIME_DIRECTORY/dpdk/rte (/var/run/dpdk/rte for root without it) even with
 * --no-shconf: a private temporary directory instead, removed at exit. */
static char runtime_dir[64];

static void remove_runtime_dir(void)
{
    char path[128];
    if (runtime_dir[0] == '\0') {
        return;
    }
    snprintf(path, sizeof path, "%s/dpdk/rte", runtime_dir);
    rmdir(path);
    snprintf(path, sizeof path, "%s/dpdk", runtime_dir);
    rmdir(path);
    rmdir(runtime_dir);
}

static void start_eal(const char *program)
{
    snprintf(runtime_dir, sizeof runtime_dir, "/tmp/rsc-dpdk-gro-XXXXXX");
    if (mkdtemp(runtime_dir) == NULL) {
        fail("cannot create a runtime directory for EAL: %s", strerror(errno));
    }
    setenv("RUNTIME_DIRECTORY", runtime_dir, 1);
    atexit(remove_runtime_dir);

    char lcores[512];
    lcore_argument(lcores, sizeof lcores);
    /* No hugepages, no PCI bus, no shared runtime files, no telemetry socket: the library runs on
     * ordinary memory in this process alone. */
    char *args[] = {
        (char *)program, "--no-huge", "-m", EAL_MEMORY_MB, "--no-pci", "--no-shconf", "--no-telemetry",
        "--log-level=*:error", lcores, NULL,
    };
    int count = (int)(sizeof args / sizeof args[0]) - 1;
    if (rte_eal_init(count, args) < 0) {
        fail("rte_eal_init failed: %s", rte_strerror(rte_errno));
    }
    static const struct rte_mbuf_dynflag flag = { .name = "rsc_received_frame_start" };
    int bit = rte_mbuf_dynflag_register(&flag);
    if (bit < 0) {
        fail("cannot register the mbuf flag: %s", rte_strerror(rte_errno));
    }
    frame_start_flag = UINT64_C(1) << bit;
}

static int attach_tap(const char *name)
{
    int fd = open("/dev/net/tun", O_RDWR | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
        fail("cannot open /dev/net/tun: %s", strerror(errno));
    }
    struct ifreq request;
    memset(&request, 0, sizeof request);
    request.ifr_flags = IFF_TAP | IFF_NO_PI | IFF_VNET_HDR;
    if (strlen(name) >= IFNAMSIZ) {
        fail("TAP name '%s' is too long", name);
    }
    strncpy(request.ifr_name, name, IFNAMSIZ - 1);
    if (ioctl(fd, TUNSETIFF, &request) < 0) {
        fail("cannot attach to TAP %s (TUNSETIFF): %s", name, strerror(errno));
    }
    int header_size = VNET_HDR_LEN;
    if (ioctl(fd, TUNSETVNETHDRSZ, &header_size) < 0) {
        fail("cannot set the vnet header size of %s to 12 (TUNSETVNETHDRSZ): %s", name, strerror(errno));
    }
    return fd;
}

static int connect_guest(const char *path)
{
    int fd = socket(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        fail("cannot create the guest socket: %s", strerror(errno));
    }
    struct sockaddr_un address;
    memset(&address, 0, sizeof address);
    address.sun_family = AF_UNIX;
    if (strlen(path) >= sizeof address.sun_path) {
        fail("guest socket path '%s' is too long", path);
    }
    strncpy(address.sun_path, path, sizeof address.sun_path - 1);
    if (connect(fd, (struct sockaddr *)&address, sizeof address) < 0) {
        fail("cannot connect to the guest socket %s: %s", path, strerror(errno));
    }
    return fd;
}

/* Copies one received frame into an mbuf chain and states its layers for the library, from DPDK's
 * own parser (rte_net_get_ptype). NULL when the pool is exhausted. */
static struct rte_mbuf *to_mbuf(struct rte_mempool *pool, const uint8_t *frame, uint32_t length)
{
    struct rte_mbuf *head = rte_pktmbuf_alloc(pool);
    if (head == NULL) {
        return NULL;
    }
    struct rte_mbuf *last = head;
    uint32_t copied = 0;
    for (;;) {
        uint16_t room = rte_pktmbuf_tailroom(last);
        uint16_t chunk = (uint16_t)RTE_MIN((uint32_t)room, length - copied);
        memcpy(rte_pktmbuf_append(last, chunk), frame + copied, chunk);
        if (last != head) {
            head->pkt_len += chunk;
        }
        copied += chunk;
        if (copied == length) {
            break;
        }
        struct rte_mbuf *next = rte_pktmbuf_alloc(pool);
        if (next == NULL) {
            rte_pktmbuf_free(head);
            return NULL;
        }
        last->next = next;
        head->nb_segs++;
        last = next;
    }
    head->ol_flags |= frame_start_flag;
    struct rte_net_hdr_lens lengths;
    memset(&lengths, 0, sizeof lengths);
    head->packet_type = rte_net_get_ptype(head, &lengths, RTE_PTYPE_ALL_MASK);
    head->l2_len = lengths.l2_len;
    head->l3_len = lengths.l3_len;
    head->l4_len = lengths.l4_len;
    return head;
}

/* How many received frames the library chained into this packet (see the file comment). */
static uint16_t received_frames_in(const struct rte_mbuf *packet)
{
    uint16_t count = 0;
    for (const struct rte_mbuf *m = packet; m != NULL; m = m->next) {
        if (m->ol_flags & frame_start_flag) {
            count++;
        }
    }
    return count;
}

static void put16(uint8_t *at, uint16_t value)
{
    at[0] = (uint8_t)value;
    at[1] = (uint8_t)(value >> 8);
}

/* One guest message: the header describing what the library did, then the frame. Frees the packet. */
static void deliver(int guest, struct rte_mbuf *packet)
{
    uint32_t length = rte_pktmbuf_pkt_len(packet);
    if (length > MAX_FRAME) {
        /* Cannot happen: gro_tcp4 keeps an IPv4 packet within 65535 bytes. */
        fail("the library produced a %u-byte frame", length);
    }
    uint16_t frames = received_frames_in(packet);
    uint8_t *header = tx_buffer;
    memset(header, 0, VNET_HDR_LEN);
    if (frames > 1) {
        header[0] = VIRTIO_NET_HDR_F_RSC_INFO;
        put16(header + 6, frames);   /* csum_start: segments */
        put16(header + 8, 0);        /* csum_offset: duplicate ACKs, never absorbed */
        stats.coalesced++;
    } else {
        stats.passed++;
    }
    if (packet->ol_flags & RTE_MBUF_F_TX_TCP_SEG) {
        header[1] = VIRTIO_NET_HDR_GSO_TCPV4;
        put16(header + 4, packet->tso_segsz);
    }
    put16(header + 10, 1);           /* num_buffers */
    const void *data = rte_pktmbuf_read(packet, 0, length, tx_buffer + VNET_HDR_LEN);
    if (data != tx_buffer + VNET_HDR_LEN) {
        memcpy(tx_buffer + VNET_HDR_LEN, data, length);
    }
    ssize_t sent = send(guest, tx_buffer, VNET_HDR_LEN + length, MSG_NOSIGNAL);
    rte_pktmbuf_free(packet);
    if (sent < 0) {
        if (errno == EPIPE || errno == ECONNRESET) {
            /* The harness went away: nobody is left to deliver to. */
            stop_requested = 1;
        }
        stats.send_errors++;
        return;
    }
    stats.delivered++;
}

static void note_hold(uint64_t tsc)
{
    if (hold_count == HOLD_TIMES) {
        hold_times[(hold_head + hold_count - 1) % HOLD_TIMES] = tsc;
        return;
    }
    hold_times[(hold_head + hold_count) % HOLD_TIMES] = tsc;
    hold_count++;
}

/* Hands everything held at least timeout_cycles to the guest (0: everything). */
static void flush(void *gro, int guest, uint64_t timeout_cycles)
{
    struct rte_mbuf *out[FLUSH_BATCH];
    /* Taken before the library's own clock read: whatever was stored by then is flushed below. */
    uint64_t cutoff = rte_rdtsc() - timeout_cycles;
    uint16_t got;
    do {
        got = rte_gro_timeout_flush(gro, timeout_cycles, RTE_GRO_TCP_IPV4, out, FLUSH_BATCH);
        for (uint16_t i = 0; i < got; i++) {
            deliver(guest, out[i]);
        }
    } while (got == FLUSH_BATCH);
    if (rte_gro_get_pkt_count(gro) == 0) {
        hold_count = 0;
        return;
    }
    while (hold_count > 0 && hold_times[hold_head] <= cutoff) {
        hold_head = (hold_head + 1) % HOLD_TIMES;
        hold_count--;
    }
}

/* Reads what the TAP has (up to a burst), runs it through the library, delivers what it returns. */
static void receive_burst(int tap, int guest, struct rte_mempool *pool, void *gro)
{
    struct rte_mbuf *packets[BURST];
    uint16_t count = 0;
    while (count < BURST) {
        ssize_t n = read(tap, rx_buffer, sizeof rx_buffer);
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            if (errno != EAGAIN && errno != EWOULDBLOCK) {
                fail("reading the TAP failed: %s", strerror(errno));
            }
            break;
        }
        stats.read++;
        if (n < VNET_HDR_LEN + 14) {
            stats.dropped_short++;
            continue;
        }
        struct rte_mbuf *m = to_mbuf(pool, rx_buffer + VNET_HDR_LEN, (uint32_t)(n - VNET_HDR_LEN));
        if (m == NULL) {
            if (stats.dropped_no_mbuf++ == 0) {
                fprintf(stderr, PROGRAM ": mbuf pool exhausted; dropping frames\n");
            }
            continue;
        }
        packets[count++] = m;
    }
    if (count == 0) {
        return;
    }
    uint64_t held_before = rte_gro_get_pkt_count(gro);
    uint16_t unprocessed = rte_gro_reassemble(packets, count, gro);
    /* Taken after the call: every packet stored by it has a start time at or before this. */
    uint64_t now = rte_rdtsc();
    if (rte_gro_get_pkt_count(gro) > held_before) {
        note_hold(now);
    }
    for (uint16_t i = 0; i < unprocessed; i++) {
        deliver(guest, packets[i]);
    }
}

static bool guest_closed(int guest)
{
    uint8_t scratch[64];
    ssize_t n = recv(guest, scratch, sizeof scratch, MSG_DONTWAIT);
    return n == 0 || (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR);
}

int main(int argc, char **argv)
{
    struct settings settings;
    parse_settings(argc, argv, &settings);

    /* SIGTERM and SIGINT stay blocked except inside ppoll, so EAL's own threads never take them
     * and the loop sees them exactly once per wait. */
    sigset_t blocked, waiting;
    sigemptyset(&blocked);
    sigaddset(&blocked, SIGTERM);
    sigaddset(&blocked, SIGINT);
    pthread_sigmask(SIG_BLOCK, &blocked, &waiting);
    sigdelset(&waiting, SIGTERM);
    sigdelset(&waiting, SIGINT);
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = on_signal;
    sigaction(SIGTERM, &action, NULL);
    sigaction(SIGINT, &action, NULL);

    start_eal(argv[0]);
    struct rte_mempool *pool = rte_pktmbuf_pool_create("rsc_frames", POOL_MBUFS, POOL_CACHE, 0,
                                                       RTE_MBUF_DEFAULT_BUF_SIZE, (int)rte_socket_id());
    if (pool == NULL) {
        fail("cannot create the mbuf pool: %s", rte_strerror(rte_errno));
    }
    struct rte_gro_param param = {
        .gro_types = RTE_GRO_TCP_IPV4,
        .max_flow_num = (uint16_t)settings.max_flows,
        .max_item_per_flow = (uint16_t)settings.max_items_per_flow,
        .socket_id = (uint16_t)rte_socket_id(),
    };
    void *gro = rte_gro_ctx_create(&param);
    if (gro == NULL) {
        fail("rte_gro_ctx_create failed (max flows %u, items per flow %u)", settings.max_flows, settings.max_items_per_flow);
    }
    uint64_t tsc_hz = rte_get_tsc_hz();
    uint64_t timeout_cycles = (uint64_t)((double)settings.interval_ns * (double)tsc_hz / 1e9);

    /* The library's timeout is only as good as this loop's wake-ups: no timer slack (the default
     * 50 us, and more on some hosts), and the real-time FIFO class where allowed (the loop sleeps
     * almost always, so it takes the CPU only when a frame or a flush is due). Neither changes
     * what the library does. */
    prctl(PR_SET_TIMERSLACK, 1UL, 0UL, 0UL, 0UL);
    struct sched_param priority = { .sched_priority = 10 };
    bool realtime = sched_setscheduler(0, SCHED_FIFO, &priority) == 0;

    int tap = attach_tap(settings.tap);
    int guest = connect_guest(settings.guest_socket);
    fprintf(stderr, PROGRAM ": %s, tap %s, guest socket %s, interval %" PRIu64 " ns (%" PRIu64 " TSC cycles at %" PRIu64
            " Hz), max flows %u, items per flow %u, %s\n", rte_version(), settings.tap, settings.guest_socket,
            settings.interval_ns, timeout_cycles, tsc_hz, settings.max_flows, settings.max_items_per_flow,
            realtime ? "SCHED_FIFO" : "normal scheduling");

    struct pollfd watched[2] = {
        { .fd = tap, .events = POLLIN },
        { .fd = guest, .events = POLLIN },
    };
    while (!stop_requested) {
        struct timespec wait, *timeout = NULL;
        if (hold_count > 0) {
            uint64_t due = hold_times[hold_head] + timeout_cycles;
            uint64_t now = rte_rdtsc();
            uint64_t left_ns = due > now ? (uint64_t)((double)(due - now) * 1e9 / (double)tsc_hz) : 0;
            wait.tv_sec = (time_t)(left_ns / 1000000000u);
            wait.tv_nsec = (long)(left_ns % 1000000000u);
            timeout = &wait;
        }
        int ready = ppoll(watched, 2, timeout, &waiting);
        if (ready < 0) {
            if (errno == EINTR) {
                continue;
            }
            fail("ppoll failed: %s", strerror(errno));
        }
        if (watched[1].revents != 0 && guest_closed(guest)) {
            break;
        }
        if (watched[0].revents & POLLIN) {
            receive_burst(tap, guest, pool, gro);
        }
        if (hold_count > 0 && rte_rdtsc() >= hold_times[hold_head] + timeout_cycles) {
            flush(gro, guest, timeout_cycles);
        }
    }
    /* Stopping: whatever the library still holds goes to the guest now. */
    flush(gro, guest, 0);
    fprintf(stderr, PROGRAM ": stopped: %" PRIu64 " frame(s) read, %" PRIu64 " delivered (%" PRIu64 " coalesced, %" PRIu64
            " as received), %" PRIu64 " dropped (no mbuf), %" PRIu64 " too short, %" PRIu64 " send errors\n",
            stats.read, stats.delivered, stats.coalesced, stats.passed, stats.dropped_no_mbuf, stats.dropped_short,
            stats.send_errors);
    close(guest);
    close(tap);
    rte_gro_ctx_destroy(gro);
    rte_mempool_free(pool);
    rte_eal_cleanup();
    remove_runtime_dir();
    runtime_dir[0] = '\0';
    return 0;
}
