#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""A minimal GDB remote-protocol client for the gdbserver tests: what gdb in
batch mode cannot do (Ctrl-C while the target runs) or hides (the packets).

Usage: rsp.py PORT STEP...   with STEP one of
  send:PACKET   send, print "PACKET -> REPLY"
  go:PACKET     send, expect no reply now (vCont;c)
  intr          send Ctrl-C (0x03)
  wait          print "stop -> REPLY" for the next packet (a stop reply)
  sleep:SECONDS
Acknowledgements are handled until QStartNoAckMode is sent.
"""
import socket
import sys
import time

sock = socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=20)
buf = b""
acks = True


def packet(data):
    return b"$" + data + b"#" + b"%02x" % (sum(data) & 0xFF)


def receive():
    global buf
    while True:
        start = buf.find(b"$")
        end = buf.find(b"#", start)
        if start >= 0 and end >= 0 and len(buf) >= end + 3:
            data, buf = buf[start + 1:end], buf[end + 3:]
            if acks:
                sock.sendall(b"+")
            return data.decode("latin1")
        chunk = sock.recv(65536)
        if not chunk:
            return "<closed>"
        buf += chunk


for step in sys.argv[2:]:
    kind, _, arg = step.partition(":")
    if kind in ("send", "go"):
        sock.sendall(packet(arg.encode()))
        if kind == "send":
            print("%s -> %s" % (arg, receive()), flush=True)
        if arg == "QStartNoAckMode":
            acks = False
    elif kind == "intr":
        sock.sendall(b"\x03")
    elif kind == "wait":
        print("stop -> %s" % receive(), flush=True)
    elif kind == "sleep":
        time.sleep(float(arg))
