#!/usr/bin/env bash
# First command of the README: install what is missing, then build every report.
#   - Debian packages: chromium (prints the PDF), poppler-utils (the review's page pictures; the
#     tests read PDFs with it), git (review --against a git version, and its test)
#   - npm ci: the locked dependencies; Puppeteer downloads no browser (.puppeteerrc.cjs)
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v chromium >/dev/null 2>&1 || [ -n "${PUPPETEER_EXECUTABLE_PATH:-}" ] || need+=(chromium)
command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)
command -v pdffonts >/dev/null 2>&1 || need+=(poppler-utils)
command -v git >/dev/null 2>&1 || need+=(git)
if ((${#need[@]})); then
  if command -v apt-get >/dev/null 2>&1; then
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    echo "Installeren met apt-get: ${need[*]}"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need[@]}"
  else
    echo "Ontbrekend: ${need[*]}. Installeer Chromium, poppler-utils en git met de pakketbeheerder van dit systeem," >&2
    echo "of zet PUPPETEER_EXECUTABLE_PATH naar een Chromium of Chrome." >&2
    exit 1
  fi
fi

if [ "${SKIP_NPM_CI:-}" != 1 ]; then
  npm ci --no-audit --no-fund
fi
npm run compile
if [ "${SKIP_BUILD:-}" != 1 ]; then
  npm run build
fi
