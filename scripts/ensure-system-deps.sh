#!/usr/bin/env bash
# Install the Debian packages the tests need when they are missing (root only), or say what to install.
set -euo pipefail

# command-or-file:debian-package
needs=(
  "/usr/bin/chromium:chromium"
  "/usr/bin/hunspell:hunspell"
  "/usr/share/hunspell/fr_FR.dic:hunspell-fr"
  "/usr/bin/pdftoppm:poppler-utils"
  "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf:fonts-dejavu-core"
)

missing=()
for item in "${needs[@]}"; do
  path=${item%%:*}
  package=${item##*:}
  [ -e "$path" ] || missing+=("$package")
done

[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
  echo "KAART : paquets Debian manquants pour les tests : ${missing[*]}" >&2
  echo "Installez-les en root : sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi

echo "Installing Debian packages for the tests: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
