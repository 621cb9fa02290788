#!/usr/bin/env python3
"""Writes gatewatch.1 (troff man page) from the argument parser's own description of the command
line: `gatewatch --experimental-dump-help` (swift-argument-parser's ToolInfo JSON). Usage:

    scripts/make-man.py BINARY OUT.1
"""
import datetime
import json
import subprocess
import sys


def escape(text):
    """Troff-safe text: backslashes and leading dots/quotes neutralised."""
    text = (text or "").replace("\\", "\\e").replace("-", "\\-")
    return "\n".join(("\\&" + line) if line[:1] in (".", "'") else line for line in text.split("\n"))


def synopsis_of(argument):
    names = argument.get("names") or []
    preferred = argument.get("preferredName") or (names[0] if names else None)
    value = argument.get("valueName") or ""
    if argument["kind"] == "positional":
        text = "<%s>" % value
    else:
        dash = "-" if preferred and preferred["kind"] == "short" else "--"
        text = dash + (preferred["name"] if preferred else value)
        if argument["kind"] == "option":
            text += " <%s>" % value
    if argument.get("isRepeating"):
        text += " ..."
    return "[%s]" % text if argument.get("isOptional") else text


def options_of(command, lines):
    for argument in command.get("arguments") or []:
        if not argument.get("shouldDisplay", True):
            continue
        names = argument.get("names") or []
        if argument["kind"] == "positional":
            label = "<%s>" % argument.get("valueName", "")
        else:
            label = ", ".join(("-" if n["kind"] == "short" else "--") + n["name"] for n in names)
            if argument["kind"] == "option":
                label += " <%s>" % argument.get("valueName", "")
        lines.append(".TP")
        lines.append("\\fB%s\\fR" % escape(label))
        abstract = argument.get("abstract", "")
        if argument.get("defaultValue") not in (None, ""):
            abstract += " (default: %s)" % argument["defaultValue"]
        lines.append(escape(abstract))


def section_of(command, path, lines):
    name = " ".join(path)
    arguments = " ".join(synopsis_of(a) for a in command.get("arguments") or [] if a.get("shouldDisplay", True))
    lines.append(".SS \"%s\"" % escape(name))
    lines.append(".B %s" % escape(name))
    if arguments:
        lines.append(escape(arguments))
    lines.append(".PP")
    lines.append(escape(command.get("abstract", "")))
    if command.get("discussion"):
        lines.append(".PP")
        lines.append(escape(command["discussion"]))
    options_of(command, lines)
    for sub in command.get("subcommands") or []:
        section_of(sub, path + [sub["commandName"]], lines)


def main():
    binary, out = sys.argv[1], sys.argv[2]
    info = json.loads(subprocess.run([binary, "--experimental-dump-help"], check=True, capture_output=True,
                                     text=True).stdout)
    root = info["command"]
    date = datetime.date.today().strftime("%B %Y")
    lines = [
        '.TH GATEWATCH 1 "%s" "gatewatch" "User Commands"' % date,
        ".SH NAME",
        "gatewatch \\- %s" % escape(root.get("abstract", "")),
        ".SH SYNOPSIS",
        ".B gatewatch",
        "[\\fICOMMAND\\fR] [\\fIOPTIONS\\fR]",
        ".SH DESCRIPTION",
        escape("The terminal console an SRE opens when traffic from a Kubernetes cluster hits a Cisco "
               "firewall: Calico egress gateways, IP pools, Elastic IPs and policy rules, live or from a "
               "bundle, with a route simulator. Exit codes: 0 ok, 1 findings or deny, 2 usage or input error."),
        ".SH COMMANDS",
    ]
    for sub in root.get("subcommands") or []:
        section_of(sub, ["gatewatch", sub["commandName"]], lines)
    lines += [".SH FILES",
              escape("$XDG_CONFIG_HOME/gatewatch (or --config DIR): gatewatch.yaml, firewall/, config.yaml, themes/."),
              ".SH SEE ALSO", "kubectl(1), aws(1)"]
    with open(out, "w") as handle:
        handle.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
