#!/usr/bin/env bash
# Re-create static/dkfds/ from the dkfds package pinned in package.json / package-lock.json.
#
#   bash scripts/vendor-dkfds.sh            # runs `npm ci`, then copies
#   bash scripts/vendor-dkfds.sh --no-ci    # copies from an existing node_modules/dkfds
#
# Only what the app serves is copied: the Virk theme CSS (minified), the JS bundle (minified),
# the icon sprite, the licence texts, and exactly the fonts and images that the CSS refers to
# with url(...). The folder layout mirrors dkfds/dist so the CSS's relative paths resolve.
# No source maps, no SCSS, no unreferenced fonts.
set -euo pipefail

cd "$(dirname "$0")/.."

if [[ "${1:-}" != "--no-ci" ]]; then
    npm ci --ignore-scripts --no-audit --no-fund
fi

SRC=node_modules/dkfds/dist
DEST=static/dkfds
CSS=css/dkfds-virkdk.min.css

if [[ ! -f "$SRC/$CSS" ]]; then
    echo "Fandt ikke $SRC/$CSS - kør 'npm ci' først." >&2
    exit 1
fi

VERSION=$(node -p "require('./node_modules/dkfds/package.json').version")

rm -rf "$DEST"
mkdir -p "$DEST/css" "$DEST/js" "$DEST/img"

cp "$SRC/$CSS" "$DEST/$CSS"
# The bundle ends with a sourceMappingURL comment; we do not ship the map, so drop the comment
# (otherwise browsers' dev tools and some static-file post-processors ask for a missing file).
sed -e '/^\/\/# sourceMappingURL=/d' "$SRC/js/dkfds.min.js" >"$DEST/js/dkfds.min.js"
sed -i -e 's#/\*\# sourceMappingURL=[^*]*\*/##' "$DEST/$CSS"
cp "$SRC/img/all-svg-icons.svg" "$DEST/img/all-svg-icons.svg"
cp node_modules/dkfds/LICENSE.md "$DEST/LICENSE.md"

# Every file the CSS refers to, relative to the css/ folder ("../fonts/...", "../img/...").
grep -o 'url([^)]*)' "$SRC/$CSS" |
    sed -e 's/^url(//' -e 's/)$//' -e "s/^[\"']//" -e "s/[\"']$//" |
    grep -v '^data:' |
    sed -e 's/[?#].*$//' |
    sort -u |
    while read -r ref; do
        rel=${ref#../}
        if [[ ! -f "$SRC/$rel" ]]; then
            echo "CSS'en henviser til $ref, som ikke findes i pakken" >&2
            exit 1
        fi
        mkdir -p "$DEST/$(dirname "$rel")"
        cp "$SRC/$rel" "$DEST/$rel"
    done

# The fonts are under the SIL Open Font License, which must travel with them.
cp "$SRC/fonts/IBMPlexSans/complete/woff2/license.txt" "$DEST/fonts/IBMPlexSans/LICENSE-OFL.txt"

echo "dkfds $VERSION" >"$DEST/VERSION"
echo "static/dkfds/ genskabt fra dkfds $VERSION ($(find "$DEST" -type f | wc -l) filer, $(du -sh "$DEST" | cut -f1))."
