#!/usr/bin/env bash
# Install the Debian packages KAART needs when they are missing (as root), or say what to install.
#   ensure-system-deps.sh node   Node.js and npm (the widgets' bundler, the list of communes)
#   ensure-system-deps.sh book   what `make book` needs (the PDF: WeasyPrint's Pango, fonts)
#   ensure-system-deps.sh test   the above plus what the tests need (Chromium, Firefox ESR, hunspell-fr, poppler)
set -euo pipefail

# file-that-proves-it-is-there:debian-package
book=(
  "/usr/share/fonts/truetype/noto/NotoSerif-Regular.ttf:fonts-noto-core"
  "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf:fonts-dejavu-core"
  "/usr/lib/$(uname -m)-linux-gnu/libpango-1.0.so.0:libpango-1.0-0"
  "/usr/lib/$(uname -m)-linux-gnu/libpangoft2-1.0.so.0:libpangoft2-1.0-0"
)
node=(
  "/usr/bin/node:nodejs"
  "/usr/bin/npm:npm"
)
test=(
  "/usr/bin/chromium:chromium"
  "/usr/bin/firefox-esr:firefox-esr"
  "/usr/bin/hunspell:hunspell"
  "/usr/share/hunspell/fr_FR.dic:hunspell-fr"
  "/usr/bin/pdftoppm:poppler-utils"
)

case "${1:-test}" in
  node) needs=("${node[@]}") ;;
  book) needs=("${book[@]}" "${node[@]}") ;;
  test) needs=("${book[@]}" "${node[@]}" "${test[@]}") ;;
  *) echo "usage: $0 node|book|test" >&2; exit 2 ;;
esac

missing=()
for item in "${needs[@]}"; do
  [ -e "${item%%:*}" ] || missing+=("${item##*:}")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
  echo "KAART : paquets Debian manquants : ${missing[*]}" >&2
  echo "Installez-les en root : sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi

echo "Installing Debian packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
