# StockPppdGuestIT: stock xl2tpd + pppd in the guest, one call per case, in sequence.
# For each case: place the call, wait for pppd to get an address by IPCP (or to fail), ping the
# server's gateway address through the tunnel, hang up, and report with cohort-result.
. /cohort/ppp-case.sh
CTL=/var/run/xl2tpd/l2tp-control
xl2tpd -D -c /etc/xl2tpd/xl2tpd.conf -p /var/run/xl2tpd.pid -C $CTL >/tmp/xl2tpd.log 2>&1 &
n=0
while [ ! -p $CTL ] && [ $n -lt 100 ]; do sleep 0.1; n=$((n + 1)); done

run_case() {
  name=$1
  log=/tmp/ppp-$name.log
  echo "c $name" > $CTL
  n=0
  while [ $n -lt 400 ]; do
    grep -q 'local  IP address' $log 2>/dev/null && break
    grep -q 'authentication failed' $log 2>/dev/null && break
    grep -q "pppd exited for call" /tmp/xl2tpd.log 2>/dev/null && grep -q "Connection terminated" $log 2>/dev/null && break
    sleep 0.1
    n=$((n + 1))
  done
  cohort-result "$name.wait_ds" $n
  report_link $name $log
  [ -n "$ip" ] && ping_gateway $name "$ip" -c 3
  echo "d $name" > $CTL
  n=0
  while ! grep -q 'Connection terminated' $log 2>/dev/null && [ $n -lt 100 ]; do sleep 0.1; n=$((n + 1)); done
  await_address_gone "$ip"
  sed "s/^/ppp-$name: /" $log
}

for c in ${CASES}; do run_case $c; done
sed 's/^/xl2tpd: /' /tmp/xl2tpd.log
