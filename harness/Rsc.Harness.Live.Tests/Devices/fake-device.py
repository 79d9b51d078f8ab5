# A misbehaving external device for robustness tests: attaches to RSC_TAP, connects to
# RSC_GUEST_SOCKET, then does what argv[1] says.
import fcntl, os, socket, struct, sys, time

tap = os.environ["RSC_TAP"]
fd = os.open("/dev/net/tun", os.O_RDWR)
fcntl.ioctl(fd, 0x400454CA, struct.pack("16sH22x", tap.encode(), 0x0002 | 0x1000 | 0x4000))
guest = socket.socket(socket.AF_UNIX, socket.SOCK_SEQPACKET)
guest.connect(os.environ["RSC_GUEST_SOCKET"])
mode = sys.argv[1]
if mode == "crash":
    os.read(fd, 70000)
    sys.stderr.write("boom: simulated crash after the first frame\n")
    sys.stderr.flush()
    os._exit(3)
elif mode == "garbage":
    os.read(fd, 70000)
    guest.send(b"\xde\xad\xbe\xef")
    time.sleep(30)
elif mode == "hang":
    time.sleep(60)
