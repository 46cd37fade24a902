#!/usr/bin/env bash
# Debian packages the tests need: Chromium for browser tests, Java for the Nu Html Checker (vnu.jar from npm, so
# npm too), xmlsec1 for the SAML signatures and encryption of the NemLog-in login, PostgreSQL when no DATABASE_URL is given, and the libraries and fonts WeasyPrint renders PDFs with.
# Installs only what is missing (root only).
set -euo pipefail

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
# A Node.js installed outside Debian brings its own npm; Debian's would clash with it.
command -v npm >/dev/null || missing+=(npm)
if [ -z "${DATABASE_URL:-}" ] && ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 && ! command -v initdb >/dev/null; then
  missing+=(postgresql)
fi
for pkg in libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core default-jre-headless xmlsec1; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done

[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
  echo "Mangler Debian-pakker: ${missing[*]}. Installér dem (sudo apt-get install ${missing[*]}) og kør igen."
  exit 1
fi
echo "Installerer ${missing[*]} …"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
