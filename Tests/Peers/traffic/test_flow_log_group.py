"""`gatewatch traffic --flow-log-group NAME` against moto_server: the CloudWatch Logs group of
`Tests/Peers/ec2/moto_logs_peer.py` (one stream per ENI of default-format records) read through
FilterLogEvents and attributed like file records. moto's gaps are in Tests/Peers/ec2/README.md."""
import json
import os
import signal
import subprocess
import sys

import athena_check

PEER = os.path.join(athena_check.repository(), "Tests", "Peers", "ec2", "moto_logs_peer.py")


def start_peer(records):
    process = subprocess.Popen([sys.executable, "-u", PEER, "--records", str(records)], stdout=subprocess.PIPE,
                               text=True)
    ready = json.loads(process.stdout.readline())
    assert ready.get("ready"), ready
    return process, ready


def iso(milliseconds):
    import datetime
    return datetime.datetime.fromtimestamp(milliseconds / 1000, datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def test_flow_log_group_records_are_read_and_attributed():
    process, ready = start_peer(30)
    try:
        environment = dict(os.environ, AWS_ACCESS_KEY_ID="AKIDGATEWATCHTEST", AWS_SECRET_ACCESS_KEY="gatewatch-secret",
                           AWS_REGION="us-east-1", AWS_CONFIG_FILE="/dev/null", AWS_SHARED_CREDENTIALS_FILE="/dev/null",
                           AWS_EC2_METADATA_DISABLED="true", AWS_ENDPOINT_URL_CLOUDWATCH_LOGS=ready["url"])
        result = subprocess.run(
            [athena_check.gatewatch(), "traffic", "--demo", "--flow-log-group", ready["group"],
             "--since", iso(ready["start"]), "--until", iso(ready["end"] + 1000), "--by", "gateway", "-o", "json"],
            capture_output=True, text=True, timeout=120, env=environment)
        assert result.returncode == 0, result.stderr
        report = json.loads(result.stdout)
        [source] = report["sources"]["flowLogs"]
        assert source["file"] == "cloudwatch-logs:" + ready["group"]
        assert source["container"] == "cloudwatch-logs"
        # Per stream: 30 ACCEPT + 1 REJECT records, one NODATA, one malformed line.
        assert (source["records"], source["noData"], source["malformed"]) == (62, 2, 2)
        rows = {row["key"]: row for row in report["rows"]}
        dlp = rows["dlp-service-egw/dlp-service-egw-6d9f7c8b5-4xkqz"]
        mainframe = rows["corp-mainframe-egw/corp-mainframe-egw-7b4d6f9c8-hq5ld"]
        assert dlp["bytesOut"] == ready["bytesByStream"]["eni-0510b72d69e7aab6c-all"]
        assert mainframe["bytesOut"] == ready["bytesByStream"]["eni-0947fdb2b4c4a0b44-all"]
        assert (dlp["flows"], dlp["denied"], mainframe["flows"], mainframe["denied"]) == (30, 1, 30, 1)
        assert f"cloudwatch-logs:{ready['group']}: 62 records" in result.stderr
        # The secret never reaches the output.
        assert "gatewatch-secret" not in result.stdout + result.stderr
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(30)


def test_a_missing_group_is_an_input_error_naming_the_action():
    process, ready = start_peer(1)
    try:
        environment = dict(os.environ, AWS_ACCESS_KEY_ID="AKIDGATEWATCHTEST", AWS_SECRET_ACCESS_KEY="gatewatch-secret",
                           AWS_REGION="us-east-1", AWS_CONFIG_FILE="/dev/null", AWS_SHARED_CREDENTIALS_FILE="/dev/null",
                           AWS_EC2_METADATA_DISABLED="true", AWS_ENDPOINT_URL_CLOUDWATCH_LOGS=ready["url"])
        result = subprocess.run([athena_check.gatewatch(), "traffic", "--demo", "--flow-log-group", "no-such-group"],
                                capture_output=True, text=True, timeout=120, env=environment)
        assert result.returncode == 2
        assert "--flow-log-group no-such-group: FilterLogEvents: ResourceNotFoundException" in result.stderr
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(30)
