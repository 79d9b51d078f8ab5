# A misbehaving external device for robustness tests: attaches to RSC_TAP, connects to
# RSC_GUEST_SOCKET, passes the harness's readiness probes through unchanged, then does what
# argv[1] says with the case's first frame.
import fcntl, os, socket, struct, sys, time

tap = os.environ["RSC_TAP"]
fd = os.open("/dev/net/tun", os.O_RDWR)
fcntl.ioctl(fd, 0x400454CA, struct.pack("16sH22x", tap.encode(), 0x0002 | 0x1000 | 0x4000))
fcntl.ioctl(fd, 0x400454D8, struct.pack("i", 12))  # TUNSETVNETHDRSZ: the contract's 12-byte header
guest = socket.socket(socket.AF_UNIX, socket.SOCK_SEQPACKET)
guest.connect(os.environ["RSC_GUEST_SOCKET"])
mode = sys.argv[1]

def first_case_frame():
    while True:
        message = os.read(fd, 70000)
        frame = message[12:]
        if b"rsc readiness probe" in frame:
            guest.send(bytes(12) + frame)
            continue
        return frame

if mode == "crash":
    first_case_frame()
    sys.stderr.write("boom: simulated crash after the first frame\n")
    sys.stderr.flush()
    os._exit(3)
elif mode == "garbage":
    first_case_frame()
    guest.send(b"\xde\xad\xbe\xef")
    time.sleep(30)
elif mode == "hang":
    while True:
        first_case_frame()
