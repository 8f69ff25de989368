#!/bin/bash
export JAVA_OPTS="-XX:TieredStopAtLevel=1"
exec /work/main/hub "$@"
