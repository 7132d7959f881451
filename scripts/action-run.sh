#!/usr/bin/env bash
# The check step of the gonogo GitHub Action (action.yml). Kept in a file so the tests run
# exactly this script with a GitHub-like environment.
#
# Inputs (set by action.yml from the action's inputs):
#   INPUT_PATH, INPUT_PLAYBOOK, INPUT_GATE, INPUT_REV, INPUT_BASE, INPUT_FORMATS (comma list),
#   INPUT_STRICT, INPUT_UPLOAD_SARIF, INPUT_SARIF_CATEGORY, INPUT_ARGS (extra arguments, split on
#   white space)
# Runner: GITHUB_OUTPUT, GITHUB_STEP_SUMMARY, RUNNER_TEMP, GITHUB_WORKSPACE
# GONOGO_BIN: the gonogo binary (action.yml: the one it built; default: gonogo on PATH).
#
# Writes annotations to standard output and the Markdown report to the step summary (gonogo does
# that for `-o github`), the reports to $RUNNER_TEMP/gonogo/, and the step outputs
# decision, evidence, exit-code, report-dir and sarif. Always exits 0 when gonogo ran: action.yml
# uploads SARIF first and then fails the job on gonogo's exit code.
set -euo pipefail

gonogo="${GONOGO_BIN:-gonogo}"
out_dir="${RUNNER_TEMP:?RUNNER_TEMP is not set}/gonogo"
mkdir -p "$out_dir"
evidence="$out_dir/evidence.json"
rm -f "$evidence"

args=(check "${INPUT_PATH:-.}" -o human -o github -o "json=$evidence")
[ -n "${INPUT_PLAYBOOK:-}" ] && args+=(--playbook "$INPUT_PLAYBOOK")
[ -n "${INPUT_GATE:-}" ] && args+=(--gate "$INPUT_GATE")
[ -n "${INPUT_REV:-}" ] && args+=(--rev "$INPUT_REV")
[ -n "${INPUT_BASE:-}" ] && args+=(--base "$INPUT_BASE")
case "${INPUT_STRICT:-false}" in
    true | TRUE | True) args+=(--strict) ;;
    false | FALSE | False | "") ;;
    *) echo "::error title=gonogo action::input strict must be true or false, not '$INPUT_STRICT'"; exit 2 ;;
esac

sarif=""
formats="${INPUT_FORMATS:-}"
if [ "${INPUT_UPLOAD_SARIF:-false}" = "true" ]; then
    formats="$formats,sarif"
fi
seen=","
IFS=',' read -r -a wanted <<<"$formats"
for format in "${wanted[@]}"; do
    format="${format//[[:space:]]/}"
    [ -z "$format" ] && continue
    case "$seen" in *",$format,"*) continue ;; esac
    seen="$seen$format,"
    case "$format" in
        json | github) continue ;; # always written
        human) ext=txt ;;
        markdown) ext=md ;;
        html) ext=html ;;
        sarif) ext=sarif ;;
        junit) ext=xml ;;
        codequality) ext=json ;;
        *) echo "::error title=gonogo action::unknown format '$format' in input formats (human, markdown, html, sarif, junit, codequality)"; exit 2 ;;
    esac
    file="$out_dir/gonogo-$format.$ext"
    [ "$format" = sarif ] && sarif="$file"
    args+=(-o "$format=$file")
done
# upload-sarif applies its category only to runs without an automationDetails.id: with a
# category, gonogo writes none.
if [ -n "$sarif" ] && [ -n "${INPUT_SARIF_CATEGORY:-}" ]; then
    args+=(--sarif-no-category)
fi

if [ -n "${INPUT_ARGS:-}" ]; then
    read -r -a extra <<<"$INPUT_ARGS"
    args+=("${extra[@]}")
fi

echo "gonogo ${args[*]}"
status=0
"$gonogo" "${args[@]}" || status=$?

decision=ERROR
if [ -f "$evidence" ]; then
    # The evidence is pretty-printed by gonogo: the top-level decision sits at two spaces.
    decision="$(sed -n 's/^  "decision": "\([A-Z_]*\)",\{0,1\}$/\1/p' "$evidence" | head -n 1)"
    [ -n "$decision" ] || decision=ERROR
else
    evidence=""
    sarif=""
fi
[ -n "$sarif" ] && [ ! -f "$sarif" ] && sarif=""

{
    echo "decision=$decision"
    echo "evidence=$evidence"
    echo "exit-code=$status"
    echo "report-dir=$out_dir"
    echo "sarif=$sarif"
} >>"${GITHUB_OUTPUT:?GITHUB_OUTPUT is not set}"

case "$status" in
    0) echo "gonogo: $decision" ;;
    1) echo "gonogo: $decision (exit 1)" ;;
    *) echo "::error title=gonogo::gonogo could not decide (exit $status); see the log above" ;;
esac
exit 0
