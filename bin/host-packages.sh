#!/usr/bin/env bash
# The Debian packages Cohort's demo and its tests need on the host, in one place. Sourced by
# bin/cohort (for `run --demo`) and bin/cohort-test; or run directly: `bin/host-packages.sh demo|tests`.
#
# cohort_host_packages SET (demo or tests) returns 0 when SET's packages are installed. As root it
# installs the missing ones first; otherwise it prints the one apt-get line to run and returns 1.
# On a host without dpkg and apt-get it only names the packages and returns 0.

# The demo: network namespaces and veths (ip, from iproute2); each member's steering loads
# libnftables through java.lang.foreign and libpcap through pcap4j.
COHORT_DEMO_PACKAGES=(iproute2 libnftables1 libpcap0.8)

# The tests: the demo's, the stock peers and tools the integration tests run for real (xl2tpd,
# pptp with pppd, tshark and tcpdump on captures, nft, ping, sysctl), and what builds and boots the
# QEMU guest that runs stock pppd where the host has no /dev/ppp (testbed/guest/build-guest.sh,
# which also needs apt's package lists to fetch the guest's packages).
COHORT_TESTS_PACKAGES=("${COHORT_DEMO_PACKAGES[@]}" xl2tpd pptp-linux ppp tshark tcpdump nftables iputils-ping
  procps qemu-system-x86 cpio xz-utils)

# Prints the packages of SET, one a line.
cohort_package_set() {
  case "$1" in
    demo) printf '%s\n' "${COHORT_DEMO_PACKAGES[@]}" ;;
    tests) printf '%s\n' "${COHORT_TESTS_PACKAGES[@]}" ;;
    *) echo "host-packages: unknown package set '$1' (demo or tests)" >&2; return 2 ;;
  esac
}

# Prints the packages of SET that dpkg does not list as installed, one a line.
cohort_missing_packages() {
  local p
  for p in $(cohort_package_set "$1"); do
    [ "$(dpkg-query -W -f '${Status}' "$p" 2>/dev/null)" = "install ok installed" ] || printf '%s\n' "$p"
  done
}

# Whether apt knows which kernel package to fetch for the test guest (false on a fresh image
# whose package lists were never downloaded).
cohort_apt_lists_present() {
  [[ "$(apt-cache policy linux-image-amd64 2>/dev/null)" =~ Candidate:\ [0-9] ]]
}

cohort_host_packages() {
  local set=$1 packages needs
  packages=$(cohort_package_set "$set") || return 2
  if [ "$set" = demo ]; then needs="the demo needs"; else needs="the tests need"; fi
  if ! command -v dpkg-query >/dev/null || ! command -v apt-get >/dev/null; then
    echo "cohort: not a Debian host (no dpkg, apt-get); $needs what these Debian packages hold:" \
      "${packages//$'\n'/ }" >&2
    return 0
  fi
  local -a missing
  mapfile -t missing < <(cohort_missing_packages "$set")
  if [ ${#missing[@]} -eq 0 ] && { [ "$set" = demo ] || cohort_apt_lists_present; }; then
    return 0
  fi
  local line="apt-get update"
  [ ${#missing[@]} -gt 0 ] && line+=" && apt-get install -y --no-install-recommends ${missing[*]}"
  if [ "$(id -u)" != 0 ]; then
    if [ ${#missing[@]} -gt 0 ]; then
      echo "cohort: $needs Debian packages that are not installed: ${missing[*]}" >&2
    else
      echo "cohort: $needs apt's package lists (the test guest is built from Debian packages)" >&2
    fi
    if command -v sudo >/dev/null; then
      echo "cohort: run:  sudo sh -c '$line'" >&2
    else
      echo "cohort: run as root:  $line" >&2
    fi
    return 1
  fi
  if [ ${#missing[@]} -gt 0 ]; then
    echo "cohort: installing the Debian packages $needs: ${missing[*]}" >&2
  else
    echo "cohort: downloading apt's package lists (the test guest is built from Debian packages)" >&2
  fi
  if ! apt-get update -qq >&2; then
    echo "cohort: apt-get update failed; run as root:  $line" >&2
    return 1
  fi
  if [ ${#missing[@]} -gt 0 ] && ! DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    "${missing[@]}" >/dev/null; then
    echo "cohort: could not install ${missing[*]}; run as root:  $line" >&2
    return 1
  fi
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  set -euo pipefail
  if [ $# -ne 1 ]; then
    echo "usage: $0 demo|tests   (installs, as root, the Debian packages the demo or the tests need)" >&2
    exit 2
  fi
  cohort_host_packages "$1"
fi
