#!/usr/bin/env bash
# Stop the broker (if running) and delete its data dir ($KAFKA_DATA, default infra/kafka/data).
exec "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/stop.sh" --clean "$@"
