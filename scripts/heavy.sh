#!/usr/bin/env bash
# Runs a build or test suite under a machine-wide lock: on two cores, only one at a time.
exec flock /tmp/ferry-heavy.lock "$@"
