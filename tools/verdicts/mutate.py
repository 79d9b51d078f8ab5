#!/usr/bin/env python3
"""Writes a copy of a run folder whose guest captures are randomly damaged, for differential tests.

Usage: mutate.py RUN_DIR OUT_DIR [--seed N] [--mutations N]

Every case's guest side (guest.pcap + guest.jsonl) gets up to N (default 3) random changes: frames
dropped, repeated or swapped; header fields changed with or without fixing the checksums (seq,
ACK, window, IP ID, TTL, PSH); a byte flipped; the payload cut short; the virtio header's flags,
gso type or RSC counts changed. sent.pcap and results.json are copied unchanged. Judging OUT_DIR
with two versions of the oracle ('rsc rejudge OUT_DIR') and comparing the verdicts (compare.py)
then exercises the alignment far beyond what correct devices deliver. Deterministic per seed.
"""
import json
import os
import random
import shutil
import struct
import sys


def read_pcap(path):
    with open(path, "rb") as handle:
        data = handle.read()
    records, offset = [], 24
    while offset < len(data):
        seconds, fraction, captured, _ = struct.unpack_from("<IIII", data, offset)
        records.append([seconds * 1_000_000_000 + fraction, bytearray(data[offset + 16:offset + 16 + captured])])
        offset += 16 + captured
    return data[:24], records


def write_pcap(path, header, frames):
    with open(path, "wb") as handle:
        handle.write(header)
        for time_ns, frame in frames:
            time_ns = max(time_ns, 0)
            handle.write(struct.pack("<IIII", time_ns // 1_000_000_000, time_ns % 1_000_000_000, len(frame), len(frame)))
            handle.write(frame)


def checksum(data):
    if len(data) % 2:
        data = data + b"\0"
    total = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    while total >> 16:
        total = (total & 0xFFFF) + (total >> 16)
    return (~total) & 0xFFFF


def layout(frame):
    """(ip offset, version, tcp offset, tcp end) of a TCP frame, or None."""
    if len(frame) < 54:
        return None
    ether = struct.unpack_from("!H", frame, 12)[0]
    if ether == 0x0800 and frame[14] >> 4 == 4 and frame[23] == 6:
        ihl = (frame[14] & 0x0F) * 4
        total = struct.unpack_from("!H", frame, 16)[0]
        return 14, 4, 14 + ihl, min(len(frame), 14 + total)
    if ether == 0x86DD and frame[14] >> 4 == 6 and frame[20] == 6:
        length = struct.unpack_from("!H", frame, 18)[0]
        return 14, 6, 54, min(len(frame), 54 + length)
    return None


def fix_checksums(frame):
    shape = layout(frame)
    if shape is None:
        return
    ip, version, tcp, end = shape
    if version == 4:
        frame[ip + 10:ip + 12] = b"\0\0"
        frame[ip + 10:ip + 12] = struct.pack("!H", checksum(bytes(frame[ip:tcp])))
        pseudo = bytes(frame[ip + 12:ip + 20]) + struct.pack("!BBH", 0, 6, end - tcp)
    else:
        pseudo = bytes(frame[ip + 8:ip + 40]) + struct.pack("!IxxxB", end - tcp, 6)
    frame[tcp + 16:tcp + 18] = b"\0\0"
    frame[tcp + 16:tcp + 18] = struct.pack("!H", checksum(pseudo + bytes(frame[tcp:end])))


def change_field(rng, frame, fix):
    shape = layout(frame)
    if shape is None:
        return False
    ip, version, tcp, _ = shape
    field = rng.choice(["seq", "ack", "window", "ipid", "ttl", "psh"])
    if field == "seq":
        struct.pack_into("!I", frame, tcp + 4, (struct.unpack_from("!I", frame, tcp + 4)[0] + rng.choice([1, 1448, -1448, 100])) & 0xFFFFFFFF)
    elif field == "ack":
        struct.pack_into("!I", frame, tcp + 8, (struct.unpack_from("!I", frame, tcp + 8)[0] + rng.choice([1, 1000, -1000])) & 0xFFFFFFFF)
    elif field == "window":
        struct.pack_into("!H", frame, tcp + 14, rng.randrange(65536))
    elif field == "ipid" and version == 4:
        struct.pack_into("!H", frame, ip + 4, rng.randrange(65536))
    elif field == "ttl":
        frame[ip + (8 if version == 4 else 7)] = rng.randrange(1, 256)
    else:
        frame[tcp + 13] ^= 0x08
    if fix:
        fix_checksums(frame)
    return True


def mutate(rng, frames, lines):
    """frames: list of [time, bytearray]; lines: list of dicts (guest.jsonl). Same length."""
    kind = rng.choice(["drop", "repeat", "swap", "field", "field-fixed", "flip", "cut", "flags", "gso", "counts"])
    if not frames:
        return
    at = rng.randrange(len(frames))
    if kind == "drop":
        del frames[at]
        del lines[at]
    elif kind == "repeat":
        frames.insert(at + 1, [frames[at][0], bytearray(frames[at][1])])
        lines.insert(at + 1, dict(lines[at]))
    elif kind == "swap" and len(frames) > 1:
        other = min(at + 1, len(frames) - 1) if at + 1 < len(frames) else at - 1
        frames[at], frames[other] = frames[other], frames[at]
        lines[at], lines[other] = lines[other], lines[at]
    elif kind in ("field", "field-fixed"):
        change_field(rng, frames[at][1], kind == "field-fixed")
    elif kind == "flip":
        frame = frames[at][1]
        position = rng.randrange(14, len(frame)) if len(frame) > 14 else 0
        frame[position] ^= 1 << rng.randrange(8)
    elif kind == "cut":
        shape = layout(frames[at][1])
        if shape is not None:
            ip, version, tcp, end = shape
            header = (frames[at][1][tcp + 12] >> 4) * 4
            payload = end - tcp - header
            if payload > 1:
                cut = rng.randrange(1, payload)
                frame = frames[at][1][:end - cut]
                if version == 4:
                    struct.pack_into("!H", frame, ip + 2, struct.unpack_from("!H", frame, ip + 2)[0] - cut)
                else:
                    struct.pack_into("!H", frame, ip + 4, struct.unpack_from("!H", frame, ip + 4)[0] - cut)
                fix_checksums(frame)
                frames[at][1] = frame
                lines[at]["length"] = len(frame)
    elif kind == "flags":
        flags = set(filter(None, lines[at]["flags"].split("|")))
        flags ^= {rng.choice(["NEEDS_CSUM", "DATA_VALID", "RSC_INFO"])}
        lines[at]["flags"] = "|".join(name for name in ["NEEDS_CSUM", "DATA_VALID", "RSC_INFO"] if name in flags)
    elif kind == "gso":
        lines[at]["gsoType"] = rng.choice(["NONE", "TCPV4", "TCPV6", "TCPV4|ECN"])
        lines[at]["gsoSize"] = rng.choice([0, 1, 536, 1448, 2000])
    else:
        lines[at]["csumStart"] = max(0, lines[at]["csumStart"] + rng.choice([-1, 1, 2]))
        lines[at]["csumOffset"] = max(0, lines[at]["csumOffset"] + rng.choice([-1, 1]))


def main(argv):
    args = argv[1:]
    seed, count = 1, 3
    for name in ("--seed", "--mutations"):
        if name in args:
            at = args.index(name)
            value = int(args[at + 1])
            del args[at:at + 2]
            if name == "--seed":
                seed = value
            else:
                count = value
    if len(args) != 2:
        print("usage: mutate.py RUN_DIR OUT_DIR [--seed N] [--mutations N]", file=sys.stderr)
        return 2
    source, target = args
    shutil.copytree(source, target)
    with open(os.path.join(source, "results.json"), encoding="utf-8") as handle:
        results = json.load(handle)
    for case in results["cases"]:
        artifacts = case.get("artifacts") or {}
        if not artifacts.get("guestPcap") or not artifacts.get("guestJsonl"):
            continue
        rng = random.Random(f"{seed}/{case['id']}")
        pcap_path = os.path.join(target, artifacts["guestPcap"])
        jsonl_path = os.path.join(target, artifacts["guestJsonl"])
        header, frames = read_pcap(pcap_path)
        with open(jsonl_path, encoding="utf-8") as handle:
            lines = [json.loads(line) for line in handle if line.strip()]
        for time_frame, line in zip(frames, lines):
            time_frame[0] = line["timeNs"]
        for _ in range(rng.randrange(1, count + 1)):
            mutate(rng, frames, lines)
        last = None
        for index, (frame, line) in enumerate(zip(frames, lines)):
            line["index"] = index
            line["length"] = len(frame[1])
            if last is not None and line["timeNs"] < last:
                line["timeNs"] = last
            frame[0] = line["timeNs"]
            last = line["timeNs"]
            flags = set(filter(None, line["flags"].split("|")))
            line["rscSegments"] = line["csumStart"] if "RSC_INFO" in flags else None
            line["rscDupAcks"] = line["csumOffset"] if "RSC_INFO" in flags else None
        write_pcap(pcap_path, header, frames)
        with open(jsonl_path, "w", encoding="utf-8") as handle:
            for line in lines:
                handle.write(json.dumps(line, separators=(",", ":")) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
