# Shared by run.sh and soak.sh (sourced): start the WAR's bench server, wait for a port, stop what was started,
# raise the open-file limit.
# Expects $root (the project) and sets $port, $server_pid, $server_group.
port=""
server_pid=""
server_group=""

stop_server() {
  if [ -n "$server_group" ]; then
    kill -TERM -- "-$server_group" 2>/dev/null || true
  elif [ -n "$server_pid" ]; then
    kill -TERM "$server_pid" 2>/dev/null || true
  fi
  for _ in $(seq 1 90); do
    ss -Hltn "sport = :$port" | grep -q LISTEN || break
    sleep 1
  done
  if [ -n "$server_group" ]; then
    for _ in $(seq 1 60); do pgrep -g "$server_group" >/dev/null || break; sleep 1; done
  fi
  server_pid=""
  server_group=""
}

wait_port() {
  for _ in $(seq 1 180); do
    ss -Hltn "sport = :$1" | grep -q LISTEN && return 0
    sleep 1
  done
  echo "server did not listen on $1; log: $2" >&2
  return 1
}

# start_java PORT RECOVERY LOG [MAVEN ARGS...]: the WAR's bench launch in its own session and process group, so that
# Maven and the Tomcat that Cargo forks stop together; $PIN (e.g. "taskset -c 0") prefixes it, Tomcat inherits it
start_java() {
  port=$1
  # shellcheck disable=SC2086
  (cd "$root" && exec setsid ${PIN:-} mvn -B -Pbench package cargo:run -Dhttp.port="$1" -Dbench.recovery="$2" "${@:4}" \
    >"$3" 2>&1 </dev/null) &
  server_group=$!
}

# raise_open_files: the soft open-file limit (ulimit -n) of this shell up to its hard limit, for the servers and load
# processes started after it (each connection is an open file on both sides); prints what it got. Only root (or
# CAP_SYS_RESOURCE) could raise the hard limit itself: in a container often not even root.
raise_open_files() {
  local hard
  hard=$(ulimit -Hn)
  [ "$hard" = unlimited ] && hard=$(cat /proc/sys/fs/nr_open)
  ulimit -n "$hard" 2>/dev/null || echo "could not raise ulimit -n to $hard" >&2
  echo "open files: ulimit -n $(ulimit -n) (hard limit $(ulimit -Hn))" >&2
}
