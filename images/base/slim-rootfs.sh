#!/bin/sh
# Builds the slim tags' root file system in DIR (default /rootfs), run in a debian:trixie-slim
# build stage: only what a jlink'd JVM and the start scripts need, from the same Debian packages
# as the full tags, unpacked with dpkg-deb rather than installed, so that no apt, dpkg, perl or
# debconf comes along (about 60 MB of debian:trixie-slim). What it holds and why:
#   libc6 libgcc-s1 gcc-14-base libstdc++6 zlib1g   what libjvm.so and the JDK's libraries link to
#   dash                    /bin/sh for /start.sh, /start-reload.sh, /train.sh and prestart scripts
#   bash libtinfo6          bash's /dev/tcp, with which /train.sh sends its requests
#   busybox                 the everyday commands (nproc, sed, grep, cp, timeout, nc, wget, ...) as
#                           links to one 0.8 MB binary: GNU coreutils would bring libssl and 30 MB
#   tzdata                  /usr/share/zoneinfo: the JVM maps /etc/localtime to a zone name with it
#                           (its rules come from the JDK's own lib/tzdb.dat, built from this tzdata)
#   ca-certificates         Mozilla's CA list (the trust store itself is copied from a full install)
#   base-files mawk debianutils   the Debian file-system layout and os-release, and what
#                           base-files, bash and dash declare they need
# /var/lib/dpkg/status lists these packages, so image scanners see what is installed and apt in a
# build stage can work out what a derived image would add (README, Tags). Two Depends lines are
# left out of it: tzdata's and ca-certificates' name debconf and openssl, which only their
# maintainer scripts use, and those never run here.
set -eu
root=${1:-/rootfs}
packages="base-files mawk debianutils libc6 libgcc-s1 gcc-14-base libstdc++6 zlib1g dash bash
  libtinfo6 busybox tzdata ca-certificates"
# busybox applets linked into /usr/bin: the shell user's tools, none of the system administration ones
applets="[ awk base64 basename cat chgrp chmod chown cksum cmp cp cut date dd df diff dirname du
  echo egrep env expand expr false fgrep find fold free grep gunzip gzip head hexdump hostname id
  install kill less link ln ls md5sum mkdir mkfifo mknod mktemp more mv nc nl nproc nslookup od
  paste pidof printf ps pwd readlink realpath rev rm rmdir sed seq sha1sum sha256sum sha512sum
  sleep sort split stat strings sum tac tail tar tee test timeout top touch tr true truncate tty
  uname uniq unlink unxz unzip uptime vi watch wc wget which whoami xargs xxd xz xzcat yes zcat"

debs=$(mktemp -d)
chown _apt "$debs" # apt downloads as its own user
cd "$debs"
apt-get update -qq
# shellcheck disable=SC2086
apt-get download -qq $packages
mkdir -p "$root/var/lib/dpkg"
for deb in ./*.deb; do
  dpkg-deb --fsys-tarfile "$deb" | tar -x -C "$root" --keep-directory-symlink \
    --exclude='./usr/share/man' --exclude='./usr/share/info' --exclude='./usr/share/locale' \
    --exclude='./usr/share/lintian' --exclude='./usr/share/doc/*/[!c]*' \
    --exclude='./usr/share/doc/*/changelog*' --exclude='./usr/lib/*/gconv'
  dpkg-deb -f "$deb" | awk '
    /^Package:/ { print; print "Status: install ok installed"; next }
    /^Depends:/ && (pkg == "tzdata" || pkg == "ca-certificates") { next }
    { print }' pkg="$(dpkg-deb -f "$deb" Package)" >>"$root/var/lib/dpkg/status"
  echo >>"$root/var/lib/dpkg/status"
done
# Every dependency of every listed package is in the list (apt says so, or the build stops).
apt-get check -qq -o Dir::State::status="$root/var/lib/dpkg/status"

for applet in $applets; do
  [ -e "$root/usr/bin/$applet" ] || ln -s busybox "$root/usr/bin/$applet"
done
# What the packages' maintainer scripts would have made: users and groups (with their shadow
# files, readable by root and group shadow only, as in every Debian), the name-service order, UTC
# as the local time, the CA bundle and the JVM trust store (from a full install).
cp -a /etc/passwd /etc/group /etc/shadow /etc/gshadow /etc/nsswitch.conf /etc/localtime "$root/etc/"
ln -s ../bin/busybox "$root/usr/sbin/nologin"
echo "app:x:10001:0::/app:/usr/sbin/nologin" >>"$root/etc/passwd"
ldconfig -r "$root"
rm -rf "$debs" /var/lib/apt/lists/*
