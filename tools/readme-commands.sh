#!/usr/bin/env bash
# Run one of the README's two set-up commands exactly as the README writes it,
# so that CI fails when the README and the project drift apart.
#   tools/readme-commands.sh main   refresh the bundled sample
#   tools/readme-commands.sh test   run the test suite
set -euo pipefail
cd "$(dirname "$0")/.."
which=${1:?usage: readme-commands.sh main|test}

# The command is the first line of the fenced block after the marker comment.
command=$(awk -v marker="<!-- readme-command: $which -->" '
    $0 == marker { found = 1; next }
    found && /^```/ { if (inside) exit; inside = 1; next }
    found && inside { print; exit }
' README.md)
if [ -z "$command" ]; then
    echo "README.md has no command after <!-- readme-command: $which -->" >&2
    exit 1
fi
echo "+ $command"
bash -c "$command"
