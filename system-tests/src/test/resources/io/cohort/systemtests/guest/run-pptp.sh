# StockPptpGuestIT: stock pptp (pptp-linux) + pppd in the guest, one call per case, in sequence.
# pppd runs pptp as its pty ("pptp SERVER --nolaunchpppd"); pptp opens the TCP control
# connection, places the outgoing call and carries PPP in enhanced GRE. For each case: wait for
# pppd to get an address by IPCP (or to give up), report how authentication and CCP/MPPE went,
# ping the server's gateway address through the tunnel (every packet under a fresh MPPE key in
# stateless mode), hang up with SIGTERM and wait for pppd to exit, then report with cohort-result.
# pptp logs only to syslog.
syslogd -O /tmp/syslog.log
run_case() {
  name=$1
  log=/tmp/ppp-$name.log
  pppd pty "pptp ${SERVER} --nolaunchpppd --loglevel 1" file /etc/ppp/options.$name >/tmp/pppd-$name.out 2>&1 &
  pid=$!
  n=0
  while [ $n -lt 400 ]; do
    grep -q 'local  IP address' $log 2>/dev/null && break
    kill -0 $pid 2>/dev/null || break
    sleep 0.1
    n=$((n + 1))
  done
  cohort-result "$name.wait_ds" $n
  ip=$(awk '/local  IP address/ { print $4 }' $log)
  cohort-result "$name.ip" "${ip:-none}"
  cohort-result "$name.auth" "$(grep -o 'sent \[LCP ConfAck[^]]*' $log | grep -o '<auth [^>]*>' | tail -n 1)"
  grep -q 'authentication succeeded' $log && cohort-result "$name.auth_result" succeeded
  grep -q 'authentication failed' $log && cohort-result "$name.auth_result" failed
  mppe=$(grep -o 'MPPE [0-9]*-bit [a-z]* compression enabled' $log | head -n 1)
  cohort-result "$name.mppe" "${mppe:-none}"
  if [ -n "$ip" ]; then
    if ping -c ${PINGS} -i 0.05 -W 3 -s 1000 -I "$ip" ${GATEWAY} >/tmp/ping-$name.log 2>&1; then
      cohort-result "$name.ping" ok
    else
      cohort-result "$name.ping" failed
    fi
    cohort-result "$name.ping_summary" "$(grep 'packets transmitted' /tmp/ping-$name.log)"
    cat /tmp/ping-$name.log | tail -n 4
  fi
  kill $pid 2>/dev/null
  n=0
  while kill -0 $pid 2>/dev/null && [ $n -lt 100 ]; do sleep 0.1; n=$((n + 1)); done
  kill -0 $pid 2>/dev/null && cohort-result "$name.exit" stuck || cohort-result "$name.exit" ok
  # pppd removes its interface on exit; wait for that so the next case's route to the gateway is its own.
  n=0
  while ip addr show 2>/dev/null | grep -q "inet ${ip:-none} " && [ $n -lt 100 ]; do sleep 0.1; n=$((n + 1)); done
  sed "s/^/ppp-$name: /" $log
  sed "s/^/pppd-$name: /" /tmp/pppd-$name.out
}

for c in ${CASES}; do run_case $c; done
sed 's/^/syslog: /' /tmp/syslog.log
