# Shared by run.sh and soak.sh (sourced): start the WAR's bench server, wait for a port, stop what was started.
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
# Maven and the Tomcat that Cargo forks stop together
start_java() {
  port=$1
  (cd "$root" && exec setsid mvn -B -Pbench package cargo:run -Dhttp.port="$1" -Dbench.recovery="$2" "${@:4}" \
    >"$3" 2>&1 </dev/null) &
  server_group=$!
}
