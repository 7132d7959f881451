#!/bin/sh
# Any CI: check, keep the evidence and the test report, fail the job on NO-GO.
# BASE: the branch a change goes into (e.g. main), for rules about what changed; empty: none.
status=0
gonogo check --gate merge ${BASE:+--base "$BASE"} \
    -o human -o json=gonogo-evidence.json -o junit=gonogo-junit.xml || status=$?
case "$status" in
    0) echo "gonogo: GO — the gate passes" ;;
    1) echo "gonogo: NO-GO — see the table above; evidence in gonogo-evidence.json" ;;
    *) echo "gonogo: no decision — a usage, playbook or repository error (exit $status)" ;;
esac
exit "$status"
