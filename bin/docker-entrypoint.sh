#!/bin/sh
# Container entry point: `docker run IMAGE [command] [options]`. A server in a container must listen on every
# interface to be reachable, so `serve` (also when the user passes other options, or none) gets --host 0.0.0.0
# unless --host or EDFI_MOCK_HOST says otherwise; /data is the volume for --data.
set -e
case "${1:-serve}" in
  serve) [ "$#" -gt 0 ] && shift ;;
  -V|--version|-h|--help) exec node /app/bin/edfi-mock.js "$@" ;;
  -*) ;;
  *) exec node /app/bin/edfi-mock.js "$@" ;;
esac
host_given=no
for a in "$@"; do case "$a" in --host|--host=*) host_given=yes ;; esac; done
if [ "$host_given" = no ] && [ -z "${EDFI_MOCK_HOST:-}" ]; then set -- --host 0.0.0.0 "$@"; fi
exec node /app/bin/edfi-mock.js serve "$@"
