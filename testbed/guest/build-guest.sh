#!/bin/bash
# Builds the Cohort test guest: a Debian kernel plus an initramfs holding busybox, pppd (with its
# plugins), xl2tpd and pptp, so that integration tests can run STOCK PPP clients against Cohort
# on a host that has no /dev/ppp. Everything comes from Debian packages fetched with
# `apt-get download` and unpacked with `dpkg -x`; nothing is installed on the host.
#
# The result is cached under $COHORT_GUEST_CACHE (default /var/cache/cohort-guest, or
# ~/.cache/cohort-guest when that is not writable) in a directory named after a hash of this
# script, the guest's init and the versions of every package used. A second run with the same
# inputs only prints the paths. Output on stdout (logs go to stderr):
#
#     kernel=/…/vmlinuz
#     initrd=/…/initrd.img
#
# Host tools needed: apt-get, dpkg, cpio, gzip, ldd, flock (util-linux), sha256sum.
# Shared libraries are copied from the host (Debian 12), as `ldd` resolves them.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

log() { printf 'build-guest: %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

# Modules in load order; the guest's /init retries in a few passes anyway, because the Debian
# package ships no modules.dep for a foreign root.
modules="virtio virtio_ring virtio_pci_modern_dev virtio_pci_legacy_dev virtio_pci failover \
net_failover virtio_net slhc ppp_generic ppp_async libarc4 ppp_mppe"
tool_packages="ppp xl2tpd pptp-linux busybox-static"

for tool in apt-get apt-cache dpkg cpio gzip ldd flock sha256sum; do
  command -v "$tool" >/dev/null || die "missing host tool: $tool"
done

if [[ -n "${COHORT_GUEST_CACHE:-}" ]]; then
  cache_root=$COHORT_GUEST_CACHE
elif mkdir -p /var/cache/cohort-guest 2>/dev/null && [[ -w /var/cache/cohort-guest ]]; then
  cache_root=/var/cache/cohort-guest
else
  cache_root=${XDG_CACHE_HOME:-$HOME/.cache}/cohort-guest
fi
mkdir -p "$cache_root"

kernel_package=${COHORT_GUEST_KERNEL_PACKAGE:-}
if [[ -z "$kernel_package" ]]; then
  kernel_package=$(apt-cache depends linux-image-amd64 2>/dev/null \
    | awk '/Depends: linux-image-[0-9]/ { print $2; exit }')
  [[ -n "$kernel_package" ]] || die "cannot resolve linux-image-amd64 to a kernel package (apt-get update?)"
fi

# Candidate versions of everything that goes into the image, in one apt-cache call.
versions=$(apt-cache policy "$kernel_package" $tool_packages | awk '
  /^[^ ]/ { sub(":$", "", $1); pkg = $1 }
  /Candidate:/ { print pkg "=" $2 }')
for pkg in "$kernel_package" $tool_packages; do
  grep -q "^$pkg=" <<<"$versions" && ! grep -q "^$pkg=(none)" <<<"$versions" \
    || die "package $pkg has no candidate version (apt-get update?)"
done
host_libc=$(dpkg-query -W -f '${Version}' libc6 2>/dev/null || echo unknown)

hash=$( { cat "$here/build-guest.sh" "$here/init" "$here/cohort-result"; echo "$versions"; \
          echo "libc6=$host_libc"; } | sha256sum | cut -c1-16)
out=$cache_root/$hash

print_result() {
  echo "kernel=$out/vmlinuz"
  echo "initrd=$out/initrd.img"
}

# One builder at a time per cache; the others wait and then find the finished image.
exec 9>"$cache_root/.lock"
flock 9
if [[ -f "$out/vmlinuz" && -f "$out/initrd.img" ]]; then
  print_result
  exit 0
fi

log "building guest $hash in $out ($kernel_package)"
work=$(mktemp -d "$cache_root/.build-$hash.XXXXXX")
trap 'rm -rf "$work"' EXIT

debs=$cache_root/debs
mkdir -p "$debs" "$work/pkg"
(
  cd "$debs"
  for pkg in "$kernel_package" $tool_packages; do
    version=$(grep "^$pkg=" <<<"$versions" | cut -d= -f2-)
    ls "${pkg}_"*"${version##*:}"_*.deb >/dev/null 2>&1 && continue
    log "downloading $pkg $version"
    apt-get download -q "$pkg=$version" >&2
  done
)
for pkg in "$kernel_package" $tool_packages; do
  version=$(grep "^$pkg=" <<<"$versions" | cut -d= -f2-)
  deb=$(ls "$debs/${pkg}_"*"${version##*:}"_*.deb | head -n1)
  mkdir -p "$work/pkg/$pkg"
  dpkg -x "$deb" "$work/pkg/$pkg"
done

# Root file system, merged-/usr like Debian 12.
root=$work/root
mkdir -p "$root"/{usr/bin,usr/sbin,usr/lib/x86_64-linux-gnu,usr/lib64,proc,sys,dev,tmp,root}
mkdir -p "$root"/{etc/ppp/peers,etc/xl2tpd,var/run/xl2tpd,var/run/pptp,var/log,var/lock,cohort,lib/modules}
ln -s usr/bin "$root/bin"
ln -s usr/sbin "$root/sbin"
mv "$root/lib/modules" "$root/usr/lib/modules" && rmdir "$root/lib"
ln -s usr/lib "$root/lib"
ln -s usr/lib64 "$root/lib64"
chmod 1777 "$root/tmp"

cp "$work/pkg/busybox-static/bin/busybox" "$root/usr/bin/busybox"
for applet in $("$root/usr/bin/busybox" --list); do
  [[ -e "$root/usr/bin/$applet" ]] || ln -s busybox "$root/usr/bin/$applet"
done

binaries=()
install_binary() { # source-root relative-path
  mkdir -p "$root/$(dirname "$2")"
  cp -a "$1/$2" "$root/$2"
  binaries+=("$root/$2")
}
for f in usr/sbin/pppd usr/sbin/chat usr/sbin/pppdump usr/sbin/pppstats; do
  install_binary "$work/pkg/ppp" "$f"
done
mkdir -p "$root/usr/lib/pppd"
cp -a "$work/pkg/ppp/usr/lib/pppd/." "$root/usr/lib/pppd/"
for plugin in "$root"/usr/lib/pppd/*/*.so; do
  [[ -L "$plugin" ]] || binaries+=("$plugin")
done
[[ -d "$work/pkg/ppp/etc/ppp" ]] && cp -a "$work/pkg/ppp/etc/ppp/." "$root/etc/ppp/"
install_binary "$work/pkg/xl2tpd" usr/sbin/xl2tpd
install_binary "$work/pkg/xl2tpd" usr/sbin/xl2tpd-control
install_binary "$work/pkg/pptp-linux" usr/sbin/pptp

# Shared libraries as ldd resolves them on this (Debian) host, copied to the same paths.
for binary in "${binaries[@]}"; do
  if ldd "$binary" | grep -q 'not found'; then
    die "$(basename "$binary") needs libraries this host lacks: $(ldd "$binary" | grep 'not found' | tr -s ' \t' ' ')"
  fi
  ldd "$binary" | awk '$2 == "=>" && $3 ~ /^\// { print $3 } $1 ~ /^\// { print $1 }'
done | sort -u | while read -r lib; do
  mkdir -p "$root$(dirname "$lib")"
  cp -L "$lib" "$root$lib"
done

# Kernel and modules.
kernel_root=$work/pkg/$kernel_package
kernel_release=$(ls "$kernel_root/lib/modules" | head -n1)
cp "$kernel_root/boot/vmlinuz-$kernel_release" "$work/vmlinuz"
module_dir=$root/usr/lib/modules/$kernel_release
mkdir -p "$module_dir"
for module in $modules; do
  file=$(find "$kernel_root/lib/modules/$kernel_release/kernel" -name "$module.ko" -o -name "$module.ko.xz" \
           -o -name "$module.ko.zst" | head -n1)
  if [[ -z "$file" ]]; then
    grep -q "/$module.ko" "$kernel_root/lib/modules/$kernel_release/modules.builtin" 2>/dev/null \
      && { log "$module is built in"; continue; }
    die "module $module not found in $kernel_package"
  fi
  case "$file" in
    *.xz) xz -dc "$file" >"$module_dir/$module.ko" ;;
    *.zst) zstd -qdc "$file" >"$module_dir/$module.ko" ;;
    *) cp "$file" "$module_dir/$module.ko" ;;
  esac
done
echo "$modules" >"$module_dir/load-order"

# Configuration the stock clients expect to find.
printf 'root:x:0:0:root:/root:/bin/sh\n' >"$root/etc/passwd"
printf 'root:x:0:\n' >"$root/etc/group"
printf '127.0.0.1 localhost\n' >"$root/etc/hosts"
printf 'cohort-guest\n' >"$root/etc/hostname"
: >"$root/etc/ppp/options"
cp "$here/init" "$root/init"
cp "$here/cohort-result" "$root/usr/bin/cohort-result"
chmod 755 "$root/init" "$root/usr/bin/cohort-result"
echo "$versions" >"$root/etc/cohort-guest-packages"

(cd "$root" && find . -print0 | LC_ALL=C sort -z | cpio --null -o -H newc --owner 0:0 --quiet) \
  | gzip -6 >"$work/initrd.img"

rm -rf "$out.tmp"
mkdir -p "$out.tmp"
mv "$work/vmlinuz" "$work/initrd.img" "$out.tmp/"
echo "$versions" >"$out.tmp/packages"
rm -rf "$out"
mv "$out.tmp" "$out"
log "built $(du -h "$out/initrd.img" | cut -f1) initrd, kernel $kernel_release"
# Older images and packages are superseded by this one.
for old in "$cache_root"/*; do
  [[ -d "$old" && "$(basename "$old")" =~ ^[0-9a-f]{16}$ && "$old" != "$out" ]] && rm -rf "$old"
done
for deb in "$debs"/*.deb; do
  keep=no
  for pkg in "$kernel_package" $tool_packages; do
    version=$(grep "^$pkg=" <<<"$versions" | cut -d= -f2-)
    [[ "$(basename "$deb")" == "${pkg}_"*"${version##*:}"_*.deb ]] && keep=yes
  done
  [[ $keep == yes ]] || rm -f "$deb"
done
print_result
