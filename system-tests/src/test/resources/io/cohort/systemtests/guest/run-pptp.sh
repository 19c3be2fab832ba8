# StockPptpGuestIT: stock pptp (pptp-linux) + pppd in the guest, one call per case, in sequence.
# pppd runs pptp as its pty ("pptp SERVER --nolaunchpppd"); pptp opens the TCP control
# connection, places the outgoing call and carries PPP in enhanced GRE. For each case: wait for
# pppd to get an address by IPCP (or to give up), report how authentication and CCP/MPPE went,
# ping the server's gateway address through the tunnel (every packet under a fresh MPPE key in
# stateless mode), hang up with SIGTERM and wait for pppd to exit, then report with cohort-result.
. /cohort/ppp-case.sh
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
  report_link $name $log
  mppe=$(grep -o 'MPPE [0-9]*-bit [a-z]* compression enabled' $log | head -n 1)
  cohort-result "$name.mppe" "${mppe:-none}"
  [ -n "$ip" ] && ping_gateway $name "$ip" -c ${PINGS} -i 0.05 -s 1000
  kill $pid 2>/dev/null
  n=0
  while kill -0 $pid 2>/dev/null && [ $n -lt 100 ]; do sleep 0.1; n=$((n + 1)); done
  kill -0 $pid 2>/dev/null && cohort-result "$name.exit" stuck || cohort-result "$name.exit" ok
  await_address_gone "$ip"
  sed "s/^/ppp-$name: /" $log
  sed "s/^/pppd-$name: /" /tmp/pppd-$name.out
}

for c in ${CASES}; do run_case $c; done
sed 's/^/syslog: /' /tmp/syslog.log
