#!/bin/sh
# System packages kehoach uses beside its Python dependencies (Debian/Ubuntu names):
#   libreoffice-writer-nogui  old Word .doc files (converted to .docx)
#   tesseract-ocr, tesseract-ocr-vie  OCR of scanned pages (Vietnamese model)
#   chromium  the browser test of the review page
#   qpdf  the tests' password-protected PDF (qpdf --encrypt)
#   postgresql  the database tests run on a throwaway PostgreSQL server as well as on SQLite
# Installs what is missing; does nothing when all are present. Without apt-get it says what to install.
set -eu
PACKAGES="libreoffice-writer-nogui tesseract-ocr tesseract-ocr-vie chromium qpdf postgresql libatomic1 fontconfig fonts-liberation fonts-dejavu-core fonts-dejavu-extra fonts-freefont-ttf"
missing=""
for pkg in $PACKAGES; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing="$missing $pkg"
done
[ -z "$missing" ] && exit 0
if ! command -v apt-get >/dev/null 2>&1; then
  echo "kehoach: please install:$missing (no apt-get here)" >&2
  exit 0
fi
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
