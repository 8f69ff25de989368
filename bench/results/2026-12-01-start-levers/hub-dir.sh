#!/bin/bash
export JAVA_OPTS="-XX:+UnlockDiagnosticVMOptions -XX:CompilerDirectivesFile=/tmp/startonly.json"
exec /work/main/hub "$@"
