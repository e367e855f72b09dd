#!/usr/bin/env bash
# Regenerates the committed front-end files from the versions pinned in package.json.
# Only needed to upgrade them: `npm ci && bash scripts/vendor_static.sh`.
set -euo pipefail
cd "$(dirname "$0")/.."
NM=node_modules; DEST=core/static; G=$NM/govuk-frontend/dist/govuk
STRIPMAP='s@//# sourceMappingURL=[^ ]*$@@; s@/\*# sourceMappingURL=[^*]*\*/@@'
mkdir -p $DEST/govuk/assets/images $DEST/vendor tests/vendor
cp $G/assets/images/favicon.ico $G/assets/images/favicon.svg $G/assets/images/govuk-icon-mask.svg $G/assets/images/govuk-icon-180.png $G/assets/images/govuk-crest.svg $DEST/govuk/assets/images/
npx sass --pkg-importer=node --style=compressed --no-source-map --quiet-deps --silence-deprecation=import \
  $DEST/scss/app.scss $DEST/govuk/govuk-frontend.min.css
sed -e "$STRIPMAP" $G/govuk-frontend.min.js > $DEST/govuk/govuk-frontend.min.js
sed -e "$STRIPMAP" $NM/chart.js/dist/chart.umd.min.js > $DEST/vendor/chart.umd.min.js
cp $NM/axe-core/axe.min.js tests/vendor/axe.min.js
