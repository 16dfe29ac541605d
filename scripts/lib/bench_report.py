"""Turns scripts/bench's results (one JSON object a line) into docs/performance.md and its plot.

The tables and the reading against the issue's targets are computed from the figures; the
explanations of what bounds each figure are hand-written in docs/performance-notes.md.
"""
import argparse
import datetime
import json
import os
import subprocess


def load(path):
    rows = []
    with open(path) as f:
        for line in f:
            if line.strip():
                rows.append(json.loads(line))
    return rows


def pick(rows, scenario):
    return [r for r in rows if r["scenario"] == scenario]


def num(x, digits=0):
    if digits == 0:
        return f"{round(x):,}".replace(",", " ")
    return f"{x:.{digits}f}"


def cpu_per_100k(r):
    return r["server_cpu_s"] / max(1, r["deliveries"]) * 100000


def cpu_share(r, key):
    return f"{r.get(key, 0) / max(1e-9, r['seconds']) * 100:.0f}%"


def latency_cells(r, prefix=""):
    return [num(r[f"{prefix}{p}_ms"], 2) for p in ("p50", "p99", "p999", "max")]


def table(header, rows, right_from=1):
    out = ["| " + " | ".join(header) + " |"]
    out.append("| " + " | ".join("---" if i < right_from else "---:" for i in range(len(header))) + " |")
    out += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(out) + "\n"


def read(path):
    try:
        with open(path) as f:
            return f.read().rstrip()
    except OSError:
        return "(not measured)"


def plot(fanout, latency, peers, work, out):
    data = os.path.join(work, "plot.dat")
    with open(data, "w") as f:
        for r in fanout:
            f.write(f"{r['members']} {r['deliveries_per_s']}\n")
        f.write("\n\n")
        for r in peers:
            f.write(f"{r['members']} {r['deliveries_per_s']}\n")
        for members in sorted({r["members"] for r in latency}):
            f.write("\n\n")
            for r in sorted((r for r in latency if r["members"] == members), key=lambda r: r["load_pct"]):
                f.write(f"{r['load_pct']} {r['p99_ms']}\n")
    sizes = sorted({r["members"] for r in latency})
    lines = ", ".join(
        f"'{data}' index {2 + i} with linespoints lw 2 pt 7 title '{m} members'" for i, m in enumerate(sizes))
    script = f"""
set terminal pngcairo size 1100,420 font 'DejaVu Sans,10'
set output '{out}'
set multiplot layout 1,2
set title 'Deliveries per second at the peak, by room size'
set logscale x
set xlabel 'members in a room'
set ylabel 'deliveries / s'
set format y '%.0s%c'
set key center right
set xrange [5:2000]
set yrange [0:*]
plot '{data}' index 0 with linespoints lw 2 pt 7 title 'Talking Stick', \\
     '{data}' index 1 with linespoints lw 2 pt 5 title 'Node.js ws peer'
unset logscale x
set title 'p99 latency, send to every receiver, by load'
set xlabel 'load (% of the peak)'
set ylabel 'p99 (ms, log scale)'
set format y '%g'
set logscale y
set xrange [20:80]
set yrange [*:*]
set key bottom right
plot {lines}
unset multiplot
"""
    try:
        subprocess.run(["gnuplot"], input=script, text=True, check=True, capture_output=True)
        return True
    except (OSError, subprocess.CalledProcessError) as e:
        print(f"bench_report: no plot ({e})")
        return False


def main():
    a = argparse.ArgumentParser()
    for name in ("results", "work", "machine", "versions", "seconds", "meeting-seconds", "notes", "out", "plot"):
        a.add_argument("--" + name, required=True)
    args = a.parse_args()
    rows = load(args.results)
    fanout = pick(rows, "fanout")
    latency = pick(rows, "latency")
    meeting = pick(rows, "meeting")[0]
    end_to_end = pick(rows, "persistence_end_to_end")[0]
    writer = pick(rows, "persistence_writer")[0]
    recovery = pick(rows, "recovery")[0]
    long_room = pick(rows, "long_room")[0]
    idle = pick(rows, "idle")
    peer_fanout = pick(rows, "peer_fanout")
    peer_latency = pick(rows, "peer_latency")[0]
    by_members = {r["members"]: r for r in fanout}
    ours100 = by_members[100]
    ours100_at50 = next(r for r in latency if r["members"] == 100 and r["load_pct"] == 50)
    peer_by_members = {r["members"]: r for r in peer_fanout}
    p100 = peer_by_members.get(100)
    xadd = writer["redis_benchmark_xadd_per_s"]
    rate = recovery["events"] / max(1, recovery["ms"]) * 1000
    plotted = plot(fanout, latency, peer_fanout, args.work, args.plot)

    md = []
    md.append("# Performance\n")
    md.append(
        f"Measured by `scripts/bench` on {datetime.date.today().isoformat()}: {args.machine}, loopback; "
        f"{args.versions}. The load generator (`tests/load/`, one thread) runs on the same machine, so the "
        "server under a saturating load has about one core of its own; for those scenarios it runs with "
        "`--threads 1` (its Redis writer has a thread of its own), and with the default, a network thread "
        "per core, where the generator is light (meeting day, idle). "
        f"Each fan-out and latency measurement runs {args.seconds} s after a 1 s warm-up. Latency is from "
        "the send to each receiver (the send time travels inside the message) and includes the Redis round "
        "trip: an event is only broadcast once Redis has it. Server CPU is read from /proc over the measured "
        "window.\n")
    if plotted:
        md.append("![Deliveries per second by room size, and p99 latency by load](performance.png)\n")

    md.append("## Against the targets\n")
    md.append("Each target of the performance issue, read from this run's figures below; what bounds each "
              "one is explained under [What bounds each figure](#what-bounds-each-figure).\n")
    meeting_p99 = meeting["p99_ms"]
    idle_last = idle[-1]
    per = (idle_last["rss_after_kib"] - idle_last["rss_before_kib"]) * 1024 / idle_last["participants"]
    targets = [
        ("Fan-out ≥ 400k deliveries/s at 100 members", ours100["deliveries_per_s"] >= 400000,
         f"{num(ours100['deliveries_per_s'])}/s"),
        ("≥ 3× the `ws` peer at 100 members", p100 and ours100["deliveries_per_s"] >= 3 * p100["deliveries_per_s"],
         f"{ours100['deliveries_per_s'] / max(1, p100['deliveries_per_s']):.2f}×" if p100 else "not measured"),
        *[(f"p99 ≤ 10 ms at 50% of peak ({r['rooms']} × {r['members']})", r["p99_ms"] <= 10, f"{r['p99_ms']:.2f} ms")
          for r in latency if r["load_pct"] == 50],
        ("Meeting day p99 ≤ 3 ms", meeting_p99 <= 3, f"{meeting_p99:.2f} ms (messages), "
                                                      f"{meeting['ack_p99_ms']:.2f} ms (acknowledgements)"),
        (f"≤ 3 KiB RSS per idle participant at 20k (measured at {num(idle_last['participants'])})", per <= 3072,
         f"{per / 1024:.1f} KiB"),
        ("Persistence ≥ 60% of redis-benchmark's pipelined XADD (the writer)", writer["events_per_s"] >= 0.6 * xadd,
         f"{writer['events_per_s'] / max(1, xadd) * 100:.0f}%"),
        ("Recovery ≥ 500k events/s", rate >= 500000, f"{num(rate)}/s"),
        (f"A {num(long_room['events'])}-event room loads without replaying its whole log",
         long_room["replayed"] < long_room["events"] / 10,
         f"{num(long_room['replayed'])} events replayed after its snapshot, in {num(long_room['load_ms'])} ms"),
    ]
    md.append(table(["target", "measured", "status"],
                    [[t, v, "**met**" if ok else "**missed**"] for t, ok, v in targets], 1))

    md.append("## Fan-out\n")
    md.append("Every sender posts small messages as fast as the server accepts them (4 unacknowledged each), "
              "pacing off, open mode.\n")
    md.append(table(
        ["rooms × members", "senders a room", "deliveries/s", "messages/s", "server CPU s per 100k deliveries",
         "server CPU", "generator CPU", "p50 ms", "p99 ms", "p999 ms", "max ms"],
        [[f"{r['rooms']} × {r['members']}", r["senders"], num(r["deliveries_per_s"]), num(r["acks_per_s"]),
          num(cpu_per_100k(r), 3), cpu_share(r, "server_cpu_s"), cpu_share(r, "generator_cpu_s")] + latency_cells(r)
         for r in fanout], 1))

    md.append("## Latency under load\n")
    md.append("Open loop: posts go out on a fixed schedule at 25, 50 and 75% of the peak message rate above, "
              "each stamped with the time it was due, so a slow server shows as latency, not as a lower rate. "
              "CPU is a share of one core (the server's includes its Redis writer thread); the generator "
              "receives every delivery, so on two cores it competes with the server for the same time.\n")
    md.append(table(
        ["rooms × members", "load", "messages/s", "deliveries/s", "server CPU s per 100k deliveries", "server CPU",
         "generator CPU", "p50 ms", "p99 ms", "p999 ms", "max ms"],
        [[f"{r['rooms']} × {r['members']}", f"{r['load_pct']}%", num(r["rate"]), num(r["deliveries_per_s"]),
          num(cpu_per_100k(r), 3), cpu_share(r, "server_cpu_s"), cpu_share(r, "generator_cpu_s")] + latency_cells(r)
         for r in latency], 1))

    md.append("Where the server's time goes in a 1,000-member room at a quarter of its peak (perf, self time; "
              "the kernel's share is mostly `sendmsg` on loopback, which also does the receiving side's work):\n")
    md.append("```\n" + read(os.path.join(args.work, "profile-large_room.txt")) + "\n```\n")

    md.append("## Meeting day\n")
    actions = ", ".join(f"{v} {k}" for k, v in sorted(meeting["actions"].items(), key=lambda kv: -kv[1]))
    people = meeting["rooms"] * meeting["members"]
    md.append(
        f"{meeting['rooms']} rooms × {meeting['members']} people ({people} connections), each room with a "
        "moderator who gives the floor to whoever is next; everyone else posts about twice a minute, raises "
        "or lowers a hand every 45 s, reacts every 20 s, and about once in ten minutes leaves and comes back "
        "or loses the connection and reconnects with its resume token (`tests/load/meeting_member.cpp`). "
        f"Measured for {args.meeting_seconds} s after 5 s of warm-up, the server on its default threads "
        f"({meeting['threads']}).\n\n"
        f"What people did: {actions}.\n")
    md.append(table(
        ["figure", "value"],
        [["events delivered to people / s", num(meeting["deliveries_per_s"])],
         ["commands acknowledged / s", num(meeting["acks_per_s"])],
         ["server CPU (share of one core)", f"{meeting['server_cpu_s'] / meeting['seconds'] * 100:.0f}%"],
         ["message latency, send to every receiver: p50 / p99 / p999 / max (ms)", " / ".join(latency_cells(meeting))],
         ["command latency, send to acknowledgement: p50 / p99 / p999 / max (ms)",
          " / ".join(latency_cells(meeting, "ack_"))],
         ["errors (refused for a reason other than a race)", meeting["errors"]],
         ["races (a hand granted or lowered a moment before the command)", meeting["conflicts"]]], 2))

    md.append("## Idle capacity\n")
    text = ("Participants joined (through the real protocol, 50 to a room) and then idle; server RSS before "
            "and after.")
    limit = idle[-1].get("descriptor_limit", "")
    if idle[-1]["participants"] < 20000:
        text += (f" This machine's descriptor limit ({limit}) is below what 20,000 connections need on both "
                 f"ends, so the largest size that fits, {idle[-1]['participants']}, is measured instead.")
    md.append(text + "\n")
    md.append(table(
        ["joined idle participants", "server RSS before (KiB)", "after (KiB)", "bytes per participant"],
        [[num(r["participants"]), num(r["rss_before_kib"]), num(r["rss_after_kib"]),
          num((r["rss_after_kib"] - r["rss_before_kib"]) * 1024 / r["participants"])] for r in idle], 1))
    md.append("Where the memory is (heaptrack, 5,000 idle participants, largest live allocations by call site):\n")
    md.append("```\n" + read(os.path.join(args.work, "profile-idle.txt")) + "\n```\n")

    md.append("## Persistence\n")
    md.append(table(
        ["what", "events written to Redis / s", "of redis-benchmark"],
        [["`redis-benchmark`, pipelined XADD (64 a round trip), same Redis", num(xadd), "100%"],
         ["the server's Redis writer on its own (`talkingstick-store-bench`: 600k posted-message events, "
          "100 rooms)", num(writer["events_per_s"]), f"{writer['events_per_s'] / max(1, xadd) * 100:.0f}%"],
         ["end to end: 50 rooms of 2 people posting over WebSocket, 8 in flight each, each acknowledged once "
          "written", num(end_to_end["acks_per_s"]), f"{end_to_end['acks_per_s'] / max(1, xadd) * 100:.0f}%"]], 1))
    md.append("Where the end-to-end run spends the server's time (perf, self time):\n")
    md.append("```\n" + read(os.path.join(args.work, "profile-persistence.txt")) + "\n```\n")

    md.append("## Recovery\n")
    md.append(f"Redis held {num(recovery['events_in_redis'])} events in {recovery['rooms']} rooms (about "
              f"{num(recovery['events_in_redis'] / max(1, recovery['rooms']))} a room), their snapshots removed. "
              f"At start-up the server rebuilt them by replaying every event in {recovery['ms']} ms: "
              f"**{num(rate)} events/s**. (With their snapshots, a restart replays only the events after each; see "
              "[A long room](#a-long-room).)\n")

    md.append("## A long room\n")
    lr, paging, exported = long_room, long_room["paging"], long_room["exported"]
    md.append(
        f"One room of {num(lr['events'])} events (one person posting), written into Redis as the server writes "
        f"it, with the server's snapshots (`talkingstick-room-bench write`: {lr['snapshots']} of them; the last at "
        f"event {num(lr['snapshot_seq'])}, {num(lr['snapshot_bytes'] / 1024)} KiB). The room keeps its last "
        "1,000 events (at most 1 MiB) in memory; older ones are read from Redis when asked for.\n")
    md.append(table(
        ["figure", "from its snapshot", "replaying every event"],
        [["events replayed at load", num(lr["replayed"]), num(lr["full_replayed"])],
         ["time to load (the server's figure)", f"{num(lr['load_ms'])} ms", f"{num(lr['full_load_ms'])} ms"],
         ["server RSS once loaded", f"{num(lr['rss_kib'] / 1024, 1)} MiB", f"{num(lr['full_rss_kib'] / 1024, 1)} MiB"],
         ["server peak RSS while loading", f"{num(lr['peak_kib'] / 1024, 1)} MiB",
          f"{num(lr['full_peak_kib'] / 1024, 1)} MiB"]], 1))
    md.append(table(
        ["figure", "value"],
        [[f"{paging['pages']} pages of history, {num(paging['events'] / max(1, paging['pages']))} events each, one "
          "after another (GetHistory, from Redis)", f"{paging['total_ms']:.0f} ms ({paging['page_ms']:.2f} ms a page)"],
         ["the whole JSON record, streamed", f"{num(exported['export_bytes'] / 1048576)} MiB in {exported['export_s']} s"],
         ["server RSS before the export, and its peak while streaming",
          f"{num(lr['export_rss_before_kib'] / 1024, 1)} MiB, {num(lr['export_peak_kib'] / 1024, 1)} MiB"]], 1))

    md.append("## Beside the peer: a Node.js `ws` broadcast server, the same generator in raw mode\n")
    md.append("The peer (`tests/load/peers/ws_broadcast.mjs`) sends every message to every client and does none "
              "of Talking Stick's work: no Protobuf, no room rules, no Redis.\n")
    rows = []
    for m in (100, 1000):
        if m in peer_by_members and m in by_members:
            o, p = by_members[m], peer_by_members[m]
            rows.append([f"deliveries/s, 1 × {m}, 10 senders (higher is better)", num(o["deliveries_per_s"]),
                         num(p["deliveries_per_s"]), f"{o['deliveries_per_s'] / max(1, p['deliveries_per_s']):.2f}"])
    if p100:
        rows.append(["server CPU s per 100k deliveries, 1 × 100 (lower is better)", num(cpu_per_100k(ours100), 3),
                     num(cpu_per_100k(p100), 3), f"{cpu_per_100k(ours100) / max(1e-9, cpu_per_100k(p100)):.2f}"])
    rows.append(["p99 ms at 50% of its own peak, 1 × 100 (lower is better; ours includes the Redis round trip)",
                 num(ours100_at50["p99_ms"], 2), num(peer_latency["p99_ms"], 2),
                 f"{ours100_at50['p99_ms'] / max(1e-9, peer_latency['p99_ms']):.2f}"])
    md.append(table(["figure", "Talking Stick", "Node.js ws", "Talking Stick ÷ ws"], rows, 1))

    md.append(read(args.notes) + "\n")

    md.append("## Profile of the server during the 1 × 100 fan-out (perf, self time)\n")
    md.append("```\n" + read(os.path.join(args.work, "profile-fanout.txt")) + "\n```\n")
    with open(args.out, "w") as f:
        f.write("\n".join(md))


if __name__ == "__main__":
    main()
