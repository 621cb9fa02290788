#!/usr/bin/env bash
# Checks what `make release` writes beside the binary: the man page renders and names every
# subcommand (the journal's and `record` included), each completion script is valid for its shell
# (syntax-checked where the shell is installed) and offers the subcommands, and the binary's own
# help describes each of them.
set -euo pipefail
out=${1:?usage: check-release-extras.sh OUT_DIR}
# Every subcommand, as "parent child" for nested ones.
subcommands=(console get select trace whois check whatif firewall "firewall trace" snapshot traffic export
  journal "journal import" "journal info" record)

for command in "${subcommands[@]}"; do
  grep -q "^\.SS \"gatewatch $command\"" "$out/gatewatch.1" || { echo "check-release: man page lacks $command" >&2; exit 1; }
done
if command -v groff >/dev/null 2>&1; then
  groff -k -man -Tutf8 -ww "$out/gatewatch.1" >/dev/null
fi
bash -n "$out/completions/gatewatch.bash"
if command -v zsh >/dev/null 2>&1; then zsh -n "$out/completions/_gatewatch"; fi
if command -v fish >/dev/null 2>&1; then fish -n "$out/completions/gatewatch.fish"; fi
for file in gatewatch.bash _gatewatch gatewatch.fish; do
  for command in "${subcommands[@]}"; do
    word=${command##* }
    grep -qw -- "$word" "$out/completions/$file" || { echo "check-release: $file lacks $command" >&2; exit 1; }
  done
  # record's own options are offered too.
  grep -qw "retain" "$out/completions/$file" || { echo "check-release: $file lacks record --retain" >&2; exit 1; }
done
# The help of each subcommand is its own (an unknown name would fall through to the console's).
for command in "${subcommands[@]}"; do
  # shellcheck disable=SC2086 # nested subcommands are two words
  usage=$("$out/gatewatch" help $command 2>&1 | grep -m1 '^USAGE:' || true)
  case "$usage" in
    "USAGE: gatewatch $command"*) ;;
    *) echo "check-release: 'gatewatch help $command' does not describe it (got: ${usage:-no usage line})" >&2; exit 1 ;;
  esac
done
echo "check-release: man page, help and bash/zsh/fish completions OK for ${#subcommands[@]} subcommands"
