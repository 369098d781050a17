#!/usr/bin/env python3
"""Prints the server's memory (resident set) at idle, at the peak of a hostile
burst and a minute after it. Starts the release build on a fresh SQLite
database with the demo data, as `make run` would, with the production
limits. Expects `cargo leptos build --release --split` done.

The burst, about 1,700 requests from 32 clients at once: oversized form
bodies, logins and registrations with wrong answers, directory searches,
open-data exports, live streams opened without a session and held, and
decompression-bomb logos uploaded by a signed-in member.

Usage: scripts/memory.py [--quiet-seconds 60] [--only oversized,logins,...]
"""

import argparse
import concurrent.futures
import os
import random
import re
import struct
import subprocess
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import zlib

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MEMBER = ("nakargi@alliance.example.org", "member-demo-Alliance-2026")


def env_of_project():
    out = subprocess.run(
        ["bash", "-c", "source scripts/env.sh && env"],
        cwd=ROOT, capture_output=True, text=True, check=True,
    ).stdout
    return dict(line.split("=", 1) for line in out.splitlines() if "=" in line)


def rss_kib(pid, field="VmRSS"):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    return 0


def png_bomb(side):
    """A valid PNG of side×side black pixels: a few hundred KB that decode
    to side²×3 bytes."""
    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))
    squeeze = zlib.compressobj(9)
    row = b"\x00" * (1 + side * 3)
    data = b"".join(squeeze.compress(row) for _ in range(side)) + squeeze.flush()
    header = struct.pack(">IIBBBBB", side, side, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", data) + chunk(b"IEND", b"")


def request(base, path, data=None, headers=None, timeout=10, read=True):
    req = urllib.request.Request(base + path, data=data, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as response:
            return response.status, (response.read() if read else b"")
    except urllib.error.HTTPError as error:
        return error.code, b""
    except Exception:
        return 0, b""


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def sign_in(base):
    opener = urllib.request.build_opener(NoRedirect)
    body = urllib.parse.urlencode({"email": MEMBER[0], "password": MEMBER[1]}).encode()
    try:
        opener.open(urllib.request.Request(base + "/login", data=body), timeout=10)
    except urllib.error.HTTPError as error:
        cookies = error.headers.get_all("Set-Cookie") or []
        for cookie in cookies:
            if "alliance_session=" in cookie:
                return cookie.split(";", 1)[0]
    raise SystemExit("the demo member could not sign in")


def hold_stream(base, path, seconds):
    try:
        req = urllib.request.Request(base + path)
        with urllib.request.urlopen(req, timeout=seconds + 5) as response:
            end = time.time() + seconds
            while time.time() < end:
                if not response.read1(1024):
                    break
        return 200
    except urllib.error.HTTPError as error:
        return error.code
    except Exception:
        return 0


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--quiet-seconds", type=int, default=60)
    parser.add_argument("--only", help="kinds of request, comma-separated (all by default)")
    args = parser.parse_args()
    env = env_of_project()
    binary = os.environ.get("MEMORY_BIN") or os.path.join(env["CARGO_TARGET_DIR"], "server-release", "alliance")
    work = tempfile.mkdtemp()
    port = random.randint(20000, 40000)
    base = f"http://127.0.0.1:{port}"
    run_env = dict(env, DATABASE_URL=f"sqlite:{work}/memory.db",
                   ALLIANCE_DATA_DIR=f"{work}/data", OUTBOX_DIR=f"{work}/data/outbox",
                   LEPTOS_SITE_ROOT=env["SITE_ROOT"])
    subprocess.run([binary, "seed", "--demo"], env=run_env, check=True, capture_output=True)
    log = open(f"{work}/server.log", "w")
    server = subprocess.Popen([binary, "serve", "--addr", f"127.0.0.1:{port}"],
                              env=run_env, stdout=log, stderr=log)
    try:
        for _ in range(200):
            if request(base, "/healthz")[0] == 200:
                break
            time.sleep(0.1)
        started = rss_kib(server.pid)
        # Idle: every kind of page served once, then left alone.
        for path in ["/", "/about", "/news", "/board", "/members", "/apply",
                     "/members?sector=C", "/api/v1/members", "/login"]:
            request(base, path)
        time.sleep(3)
        idle = rss_kib(server.pid)

        session = sign_in(base)
        account = request(base, "/account", headers={"Cookie": session})[1].decode("utf-8", "replace")
        slug = re.search(r"/members/([^/\"?]+)/edit", account)
        bomb = png_bomb(8000)
        boundary = "----memory-bomb"
        upload = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"logo\"; filename=\"logo.png\"\r\n"
                  f"Content-Type: image/png\r\n\r\n").encode() + bomb + f"\r\n--{boundary}--\r\n".encode()

        oversized = b"email=" + b"a" * (3 * 1024 * 1024)
        kinds = {
            "oversized": (200, lambda: request(base, "/login", oversized, {
                "Content-Type": "application/x-www-form-urlencoded"})),
            "logins": (400, lambda: request(base, "/login", urllib.parse.urlencode(
                {"email": f"x{random.random()}@example.ge", "password": "wrong-password-1"}).encode())),
            "registrations": (100, lambda: request(base, "/register", urllib.parse.urlencode(
                {"name": "X", "email": f"y{random.random()}@example.ge",
                 "password": "a-long-password-2026",
                 "password_confirm": "a-long-password-2026"}).encode())),
            "searches": (500, lambda: request(base, "/members?q=" + urllib.parse.quote(random.choice("abcdefგდე"))
                                              + "&sector=" + random.choice(["C", "A", "Q", "S", "J"]))),
            "csv": (150, lambda: request(base, "/api/v1/members.csv")),
            "json": (150, lambda: request(base, "/api/v1/members")),
            "streams": (100, lambda: hold_stream(base, "/assemblies/1/live", 5)),
        }
        if slug:
            path = f"/members/{slug.group(1)}/edit"
            kinds["logos"] = (60, lambda: request(base, path, upload, {
                "Cookie": session, "Sec-Fetch-Site": "same-origin",
                "Content-Type": f"multipart/form-data; boundary={boundary}"}, timeout=60))
        jobs = [job for name, (count, job) in kinds.items()
                if not args.only or name in args.only.split(",") for _ in range(count)]
        random.shuffle(jobs)

        peak = [idle]
        done = threading.Event()

        def sample():
            while not done.is_set():
                peak[0] = max(peak[0], rss_kib(server.pid))
                time.sleep(0.02)
        sampler = threading.Thread(target=sample)
        sampler.start()
        begun = time.time()
        statuses = {}
        with concurrent.futures.ThreadPoolExecutor(max_workers=int(os.environ.get("MEMORY_CLIENTS", "32"))) as pool:
            for answer in pool.map(lambda job: job(), jobs):
                status = answer[0] if isinstance(answer, tuple) else answer
                statuses[status] = statuses.get(status, 0) + 1
        took = time.time() - begun
        done.set()
        sampler.join()
        high_water = rss_kib(server.pid, "VmHWM")
        right_after = rss_kib(server.pid)
        time.sleep(args.quiet_seconds)
        quiet = rss_kib(server.pid)
        alive = server.poll() is None and request(base, "/healthz")[0] == 200
        mib = lambda kib: f"{kib / 1024:.1f} MiB"
        print(f"requests in the burst: {len(jobs)} in {took:.1f} s; answers: "
              + ", ".join(f"{k}×{v}" for k, v in sorted(statuses.items())))
        print(f"logo bomb: {len(bomb):,} bytes, 8000×8000 pixels"
              + ("" if slug else " (not sent: no organisation to edit)"))
        print(f"resident memory: started {mib(started)}, idle {mib(idle)}, "
              f"burst peak {mib(max(peak[0], high_water))}, right after {mib(right_after)}, "
              f"{args.quiet_seconds} s later {mib(quiet)}; server answering after: {alive}")
    finally:
        server.terminate()
        server.wait()


if __name__ == "__main__":
    main()
