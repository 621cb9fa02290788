"""`gatewatch traffic --syslog-listen`: util-linux `logger` sends real RFC 3164 (UDP) and RFC 5424
octet-counted (TCP) firewall denies; the live run attributes them and reports what it received."""
import json
import socket
import subprocess
import time

import athena_check

DENY = ('%FTD-4-106023: Deny udp src inside:10.0.6.42/{port} dst outside:8.8.8.8/53 '
        'by access-group "inside_access_in" [0x0, 0x0]')


def free_port(kind):
    with socket.socket(socket.AF_INET, kind) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_live_syslog_over_udp_and_tcp_is_attributed():
    udp, tcp = free_port(socket.SOCK_DGRAM), free_port(socket.SOCK_STREAM)
    process = subprocess.Popen(
        [athena_check.gatewatch(), "traffic", "--demo", "--syslog-listen", f"udp://127.0.0.1:{udp}",
         "--syslog-listen", f"tcp://127.0.0.1:{tcp}", "--listen-for", "4", "-o", "json"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    time.sleep(1.5)
    for number in range(3):
        subprocess.run(["logger", "--server", "127.0.0.1", "--port", str(udp), "--udp", "--rfc3164", "-t", "ftd",
                        DENY.format(port=40000 + number)], check=True)
    subprocess.run(["logger", "--server", "127.0.0.1", "--port", str(tcp), "--tcp", "--octet-count", "--rfc5424",
                    "-t", "ftd", DENY.format(port=41000)], check=True)
    out, err = process.communicate(timeout=30)
    assert process.returncode == 0, err
    report = json.loads(out)
    # 10.0.6.42 is the payments node's address: every deny is the payments namespace's.
    assert [(row["key"], row["denied"]) for row in report["rows"]] == [("payments", 4)]
    received = {entry["file"]: entry["messages"] for entry in report["sources"]["syslog"]}
    assert received == {f"udp://127.0.0.1:{udp}": 3, f"tcp://127.0.0.1:{tcp}": 1}
    assert f"udp://127.0.0.1:{udp}: 3 messages received, 0 dropped" in err
