"""`gatewatch traffic --athena-sql` computes the native table: the query is parsed as Trino by
sqlglot, transpiled to DuckDB and run by DuckDB over the same flow-log files; its rows must be
the rows `gatewatch traffic -o json` prints (costs to a millionth, as both round them)."""
import glob
import gzip
import json
import os

import pytest

import athena_check

GROUPINGS = ["namespace", "gateway", "egress-ip", "rule", "destination", "path"]


def demo_flow_log():
    pattern = os.path.join(athena_check.repository(), "Sources", "Inventory", "Demo", "logs", "flow", "**", "*.log.gz")
    files = glob.glob(pattern, recursive=True)
    assert len(files) == 1, files
    return files[0]


def compare(files, *options, source=("--demo",)):
    flow_options = [argument for file in files for argument in ("--flow-logs", file)]
    native = json.loads(athena_check.run("traffic", *source, *flow_options, *options, "-o", "json"))
    sql = athena_check.run("traffic", *source, *flow_options, *options, "--athena-sql")
    rows, unattributed = athena_check.duckdb_rows(sql, files)
    expected_rows, expected_unattributed = athena_check.native_rows(native)
    assert [row["key"] for row in rows] == [row["key"] for row in expected_rows]
    for got, want in zip(rows, expected_rows):
        assert got["estimatedCostUSD"] == pytest.approx(want["estimatedCostUSD"], abs=2e-6), got["key"]
        got = {key: value for key, value in got.items() if key != "estimatedCostUSD"}
        want = {key: value for key, value in want.items() if key != "estimatedCostUSD"}
        assert got == want
    assert unattributed == expected_unattributed
    return rows, unattributed


@pytest.mark.parametrize("grouping", GROUPINGS)
def test_the_demo_flow_logs_give_the_native_rows(grouping):
    rows, unattributed = compare([demo_flow_log()], "--by", grouping)
    # The demo's traffic is attributed (a query that attributes nothing would not pass by chance).
    assert rows and sum(row["bytesOut"] for row in rows) > 3 * 2**30
    assert unattributed["bytesOut"] == 10 * 2**20


def v2_lines():
    """The demo's records in the default version-2 format (no pkt-* fields: secondary addresses
    are found through the ENI), plus later records of one connection: one within the flow gap,
    one after it (a second flow), and a reject."""
    with gzip.open(demo_flow_log(), "rt") as handle:
        lines = [line.split()[:14] for line in handle.read().splitlines()[1:]]
    lines = [fields for fields in lines if fields[13] == "OK"]
    extra = [
        ["2", "123456789012", "eni-0510b72d69e7aab6c", "10.0.41.250", "103.47.244.10", "40112", "443", "6", "100",
         "1000", "1796551300", "1796551350", "ACCEPT", "OK"],
        ["2", "123456789012", "eni-0510b72d69e7aab6c", "10.0.41.250", "103.47.244.10", "40112", "443", "6", "200",
         "4000", "1796551600", "1796551650", "ACCEPT", "OK"],
        ["2", "123456789012", "eni-0510b72d69e7aab6c", "10.0.41.250", "103.47.244.99", "40999", "22", "6", "1",
         "60", "1796551610", "1796551610", "REJECT", "OK"],
    ]
    return [" ".join(fields) for fields in lines + extra]


@pytest.fixture
def v2_file(tmp_path):
    path = tmp_path / "v2.log"
    path.write_text("\n".join(v2_lines()) + "\n")
    return str(path)


@pytest.mark.parametrize("grouping", GROUPINGS)
def test_the_default_format_gives_the_native_rows(v2_file, grouping):
    rows, _ = compare([v2_file], "--by", grouping)
    assert rows


def test_flows_split_at_the_gap_and_rejects_are_denied(v2_file):
    rows, _ = compare([v2_file], "--by", "destination")
    dlp = next(row for row in rows if row["key"] == "103.47.244.10")
    # Three records of one 5-tuple on the gateway's ENI: the first two within 120 s, the third after.
    assert dlp["flows"] == 2
    denied = next(row for row in rows if row["key"] == "103.47.244.99")
    assert denied["denied"] == 1 and denied["bytesOut"] == 0


def test_window_and_top(v2_file):
    rows, _ = compare([v2_file], "--since", "2026-12-06T10:00:00Z", "--until", "2026-12-06T10:05:00Z", "--top", "1")
    assert len(rows) == 1


def test_the_query_names_the_table_and_refuses_a_bad_name():
    sql = athena_check.run("traffic", "--demo", "--athena-sql", "--athena-table", "flowlogs.vpc_flow_logs_2026")
    assert "FROM flowlogs.vpc_flow_logs_2026" in sql
    import subprocess
    result = subprocess.run([athena_check.gatewatch(), "traffic", "--demo", "--athena-sql", "--athena-table", "x; DROP"],
                            capture_output=True, text=True)
    assert result.returncode == 2 and "--athena-table" in result.stderr


@pytest.fixture
def moved_gateway(tmp_path):
    """A journal where the DLP gateway 4xkqz held 10.0.41.20 from 09:00 and 10.0.41.21 from
    11:00 (the current state, also given as the bundle): the demo's records at 10:00 belong to
    the gateway only through the journal."""
    import shutil
    demo = os.path.join(athena_check.repository(), "Sources", "Inventory", "Demo")
    then, now = tmp_path / "then", tmp_path / "now"
    shutil.copytree(demo, then)
    shutil.copytree(demo, now)
    pods = now / "cluster" / "pods.yaml"
    pods.write_text(pods.read_text().replace("10.0.41.20", "10.0.41.21"))
    journal = str(tmp_path / "journal.sqlite")
    athena_check.run("journal", "import", str(then), "--at", "2026-12-06T09:00:00Z", "--journal", journal)
    athena_check.run("journal", "import", str(now), "--at", "2026-12-06T11:00:00Z", "--journal", journal)
    return str(now), journal


def test_owners_at_the_records_time_come_from_the_journal(moved_gateway):
    bundle, journal = moved_gateway
    flow = demo_flow_log()
    now = json.loads(athena_check.run("traffic", "--from", bundle, "--flow-logs", flow, "--by", "gateway", "-o", "json"))
    then = json.loads(athena_check.run("traffic", "--from", bundle, "--journal", journal, "--flow-logs", flow,
                                       "--by", "gateway", "-o", "json"))
    gateway = "dlp-service-egw/dlp-service-egw-6d9f7c8b5-4xkqz"
    # Today nobody holds 10.0.41.20: the 2 GiB + 512 MiB of the DLP connection are unattributed.
    assert gateway not in [row["key"] for row in now["rows"]]
    assert now["unattributed"]["bytesOut"] >= 2 * 2**30
    # At 10:00 the gateway held it: the journal gives the bytes to its workloads.
    row = next(row for row in then["rows"] if row["key"] == gateway)
    assert row["bytesOut"] == 2 * 2**30 and row["bytesIn"] == 2**29
    assert row["namespaces"] == ["checkout", "payments"]
    assert then["unattributed"]["bytesOut"] == 10 * 2**20


@pytest.mark.parametrize("grouping", ["namespace", "gateway"])
def test_the_query_inlines_owner_intervals_from_the_journal(moved_gateway, grouping):
    bundle, journal = moved_gateway
    rows, _ = compare([demo_flow_log()], "--by", grouping, source=("--from", bundle, "--journal", journal))
    assert rows
    sql = athena_check.run("traffic", "--from", bundle, "--journal", journal, "--athena-sql")
    # 10.0.41.20 has rows for the journal's interval (from 09:00, 1796547600) only.
    assert "('10.0.41.20', 1796547600, " in sql
