# Shell functions shared by the guest scripts of the stock-pppd tests (sourced as /cohort/ppp-case.sh).

# report_link NAME LOG: reports the address pppd got by IPCP (NAME.ip, "none" without one), the
# authentication protocol it agreed to in LCP (NAME.auth) and how authentication went
# (NAME.auth_result); sets $ip.
report_link() {
  ip=$(awk '/local  IP address/ { print $4 }' "$2")
  cohort-result "$1.ip" "${ip:-none}"
  cohort-result "$1.auth" "$(grep -o 'sent \[LCP ConfAck[^]]*' "$2" | grep -o '<auth [^>]*>' | tail -n 1)"
  grep -q 'authentication succeeded' "$2" && cohort-result "$1.auth_result" succeeded
  grep -q 'authentication failed' "$2" && cohort-result "$1.auth_result" failed
  return 0
}

# ping_gateway NAME ADDRESS [PING OPTIONS...]: pings the server's gateway from ADDRESS through the
# tunnel; reports NAME.ping (ok or failed) and ping's summary line (NAME.ping_summary).
ping_gateway() {
  name=$1
  from=$2
  shift 2
  if ping -W 3 -I "$from" "$@" ${GATEWAY} >/tmp/ping-$name.log 2>&1; then
    cohort-result "$name.ping" ok
  else
    cohort-result "$name.ping" failed
  fi
  cohort-result "$name.ping_summary" "$(grep 'packets transmitted' /tmp/ping-$name.log)"
  tail -n 4 /tmp/ping-$name.log
}

# await_address_gone ADDRESS: pppd removes its interface on exit; waiting for that makes the next
# case's route to the gateway its own.
await_address_gone() {
  n=0
  while ip addr show 2>/dev/null | grep -q "inet ${1:-none} " && [ $n -lt 100 ]; do sleep 0.1; n=$((n + 1)); done
}
