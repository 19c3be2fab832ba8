# StockGuestFailoverIT: both stock stacks at once against the cluster IP: xl2tpd + pppd (ppp0) and
# pptp + pppd (ppp1). Once both links have an address by IPCP, each pings the host behind the
# cluster through its own link (ping bound to the ppp interface) every ${INTERVAL_MS} ms until the
# test connects to TCP port ${STOP_PORT}; the test kills the links' owners meanwhile. Then, per
# link: whether pppd still runs, the address then, the LCP Configure-Requests sent and the IPCP
# addresses taken before and after the pings (a link set up again adds to both), and the pings
# sent, answered and the longest time without an answer.
# pptp logs to syslog only.
syslogd -O /tmp/syslog.log
CTL=/var/run/xl2tpd/l2tp-control
xl2tpd -D -c /etc/xl2tpd/xl2tpd.conf -p /var/run/xl2tpd.pid -C $CTL >/tmp/xl2tpd.log 2>&1 &
n=0
while [ ! -p $CTL ] && [ $n -lt 100 ]; do sleep 0.1; n=$((n + 1)); done
echo "c l2tp" > $CTL
pppd pty "pptp ${SERVER} --nolaunchpppd --loglevel 1" file /etc/ppp/options.failover-pptp >/tmp/pppd-pptp.out 2>&1 &

print_logs() {
  sed 's/^/ppp-l2tp: /' /tmp/ppp-l2tp.log
  sed 's/^/ppp-pptp: /' /tmp/ppp-pptp.log
  sed 's/^/pppd-pptp: /' /tmp/pppd-pptp.out
  sed 's/^/xl2tpd: /' /tmp/xl2tpd.log
  sed 's/^/syslog: /' /tmp/syslog.log
}

# address LOG: the local address pppd took by IPCP, empty without one.
address() {
  awk '/local  IP address/ { a = $4 } END { print a }' "$1" 2>/dev/null
}

# link_state NAME LOG DEVICE WHEN: NAME.ip_WHEN (DEVICE's address now), NAME.lcp_confreq_WHEN,
# NAME.ipcp_up_WHEN (addresses taken so far) and NAME.pppd_WHEN (running or gone).
link_state() {
  now=$(ip -4 addr show dev "$3" 2>/dev/null | awk '/inet / { print $2 }')
  cohort-result "$1.ip_$4" "${now:-none}"
  cohort-result "$1.lcp_confreq_$4" "$(grep -c 'sent \[LCP ConfReq' "$2")"
  cohort-result "$1.ipcp_up_$4" "$(grep -c 'local  IP address' "$2")"
  pid=$(cat "/var/run/$3.pid" 2>/dev/null)
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    cohort-result "$1.pppd_$4" running
  else
    cohort-result "$1.pppd_$4" gone
  fi
}

# ping_summary NAME LOG: NAME.sent, NAME.answered, NAME.longest_gap_ms (the longest time between
# two answered pings, by their sequence numbers: ping sends one every ${INTERVAL_MS} ms; the end of
# the run counts as an answer), NAME.longest_gap_after_seq (where that gap began) and NAME.gaps
# (every gap of a second or more, as MS@SEQ).
ping_summary() {
  sent=$(awk '/packets transmitted/ { print $1 }' "$2")
  cohort-result "$1.sent" "${sent:-none}"
  awk -v sent="${sent:-0}" -v interval=${INTERVAL_MS} -v name="$1" '
    BEGIN { last = -1; gap = 0; from = -1 }
    /seq=/ {
      split($0, a, "seq="); split(a[2], b, " "); s = b[1] + 0
      if (s > last) {
        answered++
        if (s - last > gap) { gap = s - last; from = last }
        if ((s - last) * interval >= 1000) gaps = gaps " " (s - last) * interval "@" last
        last = s
      }
    }
    END {
      if (sent - last > gap) { gap = sent - last; from = last }
      if ((sent - last) * interval >= 1000) gaps = gaps " " (sent - last) * interval "@" last
      print "COHORT-RESULT " name ".gaps=" (gaps == "" ? "none" : substr(gaps, 2))
      print "COHORT-RESULT " name ".answered=" answered + 0
      print "COHORT-RESULT " name ".longest_gap_ms=" gap * interval
      print "COHORT-RESULT " name ".longest_gap_after_seq=" from
    }' "$2"
}

n=0
while [ $n -lt 600 ]; do
  [ -n "$(address /tmp/ppp-l2tp.log)" ] && [ -n "$(address /tmp/ppp-pptp.log)" ] && break
  sleep 0.1
  n=$((n + 1))
done
cohort-result setup_ds $n
cohort-result l2tp.ip "$(address /tmp/ppp-l2tp.log)"
cohort-result pptp.ip "$(address /tmp/ppp-pptp.log)"
cohort-result pptp.mppe "$(grep -o 'MPPE [0-9]*-bit [a-z]* compression enabled' /tmp/ppp-pptp.log | head -n 1)"
if [ -z "$(address /tmp/ppp-l2tp.log)" ] || [ -z "$(address /tmp/ppp-pptp.log)" ]; then
  print_logs
  exit 1
fi
link_state l2tp /tmp/ppp-l2tp.log ppp0 before
link_state pptp /tmp/ppp-pptp.log ppp1 before

ping -I ppp0 -i ${INTERVAL} ${TARGET} >/tmp/ping-l2tp.log 2>&1 &
l2tp_ping=$!
ping -I ppp1 -i ${INTERVAL} ${TARGET} >/tmp/ping-pptp.log 2>&1 &
pptp_ping=$!
# The test kills the owners once both links answer.
n=0
while [ $n -lt 100 ]; do
  grep -q 'seq=' /tmp/ping-l2tp.log && grep -q 'seq=' /tmp/ping-pptp.log && break
  sleep 0.1
  n=$((n + 1))
done
cohort-result first_answers_ds $n
cohort-result pinging yes
nc -l -p ${STOP_PORT} >/dev/null
kill -INT $l2tp_ping $pptp_ping
wait $l2tp_ping
wait $pptp_ping

link_state l2tp /tmp/ppp-l2tp.log ppp0 after
link_state pptp /tmp/ppp-pptp.log ppp1 after
ping_summary l2tp /tmp/ping-l2tp.log
ping_summary pptp /tmp/ping-pptp.log
sed 's/^/ping-l2tp: /' /tmp/ping-l2tp.log
sed 's/^/ping-pptp: /' /tmp/ping-pptp.log
print_logs
exit 0
