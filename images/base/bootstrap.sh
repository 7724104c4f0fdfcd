#!/bin/sh
# Builds debian:trixie-slim from Debian packages when no registry can supply it.
# The apt.conf snippets copy the official image's docker-* behaviour, so apt leaves no
# caches or translations behind in the layers built on top of it.
set -eu
tag=${1:-debian:trixie-slim}
if docker image inspect "$tag" >/dev/null 2>&1; then exit 0; fi
if docker pull "$tag" >/dev/null 2>&1; then echo "base: pulled $tag"; exit 0; fi
echo "base: $tag can be neither found nor pulled; building it from Debian packages (mmdebstrap)"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
mmdebstrap --quiet --variant=minbase \
  --dpkgopt='path-exclude=/usr/share/man/*' \
  --dpkgopt='path-exclude=/usr/share/doc/*' \
  --dpkgopt='path-include=/usr/share/doc/*/copyright' \
  --dpkgopt='path-exclude=/usr/share/locale/*' \
  --dpkgopt='path-exclude=/usr/share/info/*' \
  --customize-hook='printf "%s\n" "DPkg::Post-Invoke { \"rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true\"; };" "APT::Update::Post-Invoke { \"rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true\"; };" "Dir::Cache::pkgcache \"\";" "Dir::Cache::srcpkgcache \"\";" > "$1/etc/apt/apt.conf.d/docker-clean"' \
  --customize-hook='echo "Acquire::Languages \"none\";" > "$1/etc/apt/apt.conf.d/docker-no-languages"' \
  --customize-hook='echo "Acquire::GzipIndexes \"true\";" > "$1/etc/apt/apt.conf.d/docker-gzip-indexes"' \
  --customize-hook='echo "APT::AutoRemove::SuggestsImportant \"false\";" > "$1/etc/apt/apt.conf.d/docker-autoremove-suggests"' \
  --customize-hook='rm -rf "$1"/var/lib/apt/lists/* "$1"/var/cache/apt/*.bin' \
  trixie "$out/rootfs.tar"
docker import "$out/rootfs.tar" "$tag" >/dev/null
echo "base: built $tag ($(docker image inspect -f '{{.Size}}' "$tag") bytes)"
