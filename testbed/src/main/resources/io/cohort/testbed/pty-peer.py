#!/usr/bin/python3
"""Runs a program on a pseudo-terminal in raw mode, as pppd does for `pty "pptp --nolaunchpppd"`.

Usage: pty-peer.py INPUT_FIFO OUTPUT_FILE PROGRAM [ARG...]

Octets written to INPUT_FIFO go to the program's terminal (for pptp-linux: HDLC-framed PPP it
sends over GRE); what the program writes to its terminal (the PPP frames it received over GRE,
HDLC-framed) is appended to OUTPUT_FILE. Exits with the program.
"""
import os
import pty
import select
import sys
import tty

fifo_path, output_path, argv = sys.argv[1], sys.argv[2], sys.argv[3:]
pid, master = pty.fork()
if pid == 0:
    tty.setraw(0)
    os.execv(argv[0], argv)
fifo = os.open(fifo_path, os.O_RDWR | os.O_NONBLOCK)
done, status = 0, 0
with open(output_path, "ab", buffering=0) as out:
    while True:
        readable, _, _ = select.select([master, fifo], [], [], 0.5)
        if master in readable:
            try:
                data = os.read(master, 65536)
            except OSError:
                break
            if not data:
                break
            out.write(data)
        if fifo in readable:
            os.write(master, os.read(fifo, 65536))
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            break
if not done:
    _, status = os.waitpid(pid, 0)
sys.exit(os.waitstatus_to_exitcode(status))
