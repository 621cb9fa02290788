"""Runs `gatewatch traffic --athena-sql` output the way the issue asks: parse it as Trino with
sqlglot, transpile it to DuckDB, run it with DuckDB over the same flow-log files, and hand back
rows in the shape of `gatewatch traffic -o json` so a test can compare them with the native engine.

The flow-log table is built as Athena's documented DDL reads text files (docs/traffic.md §5.1):
columns in the header's order, every value read as text and numeric columns cast (a `-` in a
numeric column is NULL, in a string column it stays `-`).
"""
import gzip
import json
import os
import subprocess
import sys

import duckdb
import sqlglot

# Athena's types for the flow-log fields (docs/traffic.md §5.1); any other field is a string.
NUMERIC = {"version": "INTEGER", "srcport": "INTEGER", "dstport": "INTEGER", "protocol": "BIGINT",
           "packets": "BIGINT", "bytes": "BIGINT", "start": "BIGINT", "end": "BIGINT", "tcp_flags": "INTEGER",
           "traffic_path": "INTEGER"}
DEFAULT_V2 = ("version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end "
              "action log-status").split()
PATHS = ["internet-gateway", "nat-gateway", "gateway-load-balancer-endpoint", "transit-gateway", "vpc-peering",
         "local", "other"]


def repository():
    return os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))


def gatewatch():
    """The built binary: GATEWATCH_BIN, else the debug build (`make test` builds it first)."""
    path = os.environ.get("GATEWATCH_BIN") or os.path.join(repository(), ".build", "debug", "gatewatch")
    if not os.path.exists(path):
        raise AssertionError(f"{path}: build gatewatch first (swift build)")
    return path


def run(*arguments):
    result = subprocess.run([gatewatch(), *arguments], capture_output=True, text=True, timeout=300)
    if result.returncode != 0:
        raise AssertionError(f"gatewatch {' '.join(arguments)} exited {result.returncode}: {result.stderr}")
    return result.stdout


def header_names(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rt") as handle:
        first = handle.readline().split()
    if first and first[0] == "version":
        return first, True
    return DEFAULT_V2, False


def flow_log_table(connection, files):
    """Creates `vpc_flow_logs` over `files` (one format) as Athena's text table reads them."""
    names, has_header = header_names(files[0])
    columns = [name.replace("-", "_") for name in names]
    spec = ", ".join(f"'{column}': 'VARCHAR'" for column in columns)
    listing = ", ".join(f"'{file}'" for file in files)
    casts = ", ".join(
        f'TRY_CAST("{column}" AS {NUMERIC[column]}) AS "{column}"' if column in NUMERIC else f'"{column}"'
        for column in columns)
    connection.execute(
        f"CREATE VIEW vpc_flow_logs AS SELECT {casts} FROM read_csv([{listing}], delim=' ', "
        f"header={'true' if has_header else 'false'}, columns={{{spec}}}, auto_detect=false, quote='', escape='')")


def duckdb_rows(sql, files):
    """The query's rows from DuckDB, as `traffic -o json` writes rows, plus the unattributed totals."""
    statement = sqlglot.parse_one(sql, read="trino")
    translated = statement.sql(dialect="duckdb")
    connection = duckdb.connect()
    flow_log_table(connection, files)
    cursor = connection.execute(translated)
    names = [description[0] for description in cursor.description]
    rows, unattributed = [], None
    for values in cursor.fetchall():
        row = dict(zip(names, values))
        totals = {"bytesOut": int(row["bytes_out"]), "bytesIn": int(row["bytes_in"]), "packets": int(row["packets"]),
                  "flows": int(row["flows"]), "denied": int(row["denied"])}
        if row["unattributed"]:
            unattributed = totals
            continue
        by_path = {path: int(row[path.replace("-", "_")]) for path in PATHS if row[path.replace("-", "_")]}
        rows.append({"key": row["key"], "namespaces": row["namespaces"].split("+"), "shared": bool(row["shared"]),
                     **totals, "bytesByPath": by_path, "estimatedCostUSD": float(row["estimated_cost_usd"])})
    return rows, unattributed


def native_rows(report):
    rows = [{key: row[key] for key in ("key", "namespaces", "shared", "bytesOut", "bytesIn", "packets", "flows",
                                       "denied", "bytesByPath", "estimatedCostUSD")} for row in report["rows"]]
    return rows, report["unattributed"]


if __name__ == "__main__":
    # athena_check.py QUERY.sql FILE...: print the DuckDB rows as JSON.
    with open(sys.argv[1]) as handle:
        print(json.dumps(duckdb_rows(handle.read(), sys.argv[2:])))
