#!/bin/sh
# update.sh refetches the built-in libraries from npm, at the versions
# Appsmith ships (see compiler/internal/jslib/jslib.go), into this directory.
# fast-xml-parser 3 has no single-file build in its package: it is bundled
# here with the esbuild that modc's Go module uses (bench/package.json).
set -eu
cd "$(dirname "$0")"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for p in lodash@4.17.21 lodash-es@4.17.21 moment@2.29.4 fast-xml-parser@3.17.5 node-forge@1.3.0; do
	(cd "$tmp" && npm pack -q "$p" >/dev/null && mkdir "${p%@*}" && tar xzf "${p%@*}"-*.tgz -C "${p%@*}")
done
cp "$tmp/lodash/package/lodash.min.js" lodash.min.js
cp "$tmp/lodash/package/LICENSE" LICENSE.lodash
# lodash-es: the same lodash, one ES module per function, for the subsets
# of the functions a package names (jslib.Library.Subset).
rm -rf lodash-es && mkdir lodash-es && cp "$tmp/lodash-es/package/"*.js lodash-es/
cp "$tmp/moment/package/min/moment.min.js" moment.min.js
cp "$tmp/moment/package/LICENSE" LICENSE.moment
cp "$tmp/node-forge/package/dist/forge.min.js" forge.min.js
cp "$tmp/node-forge/package/LICENSE" LICENSE.node-forge
cp "$tmp/fast-xml-parser/package/LICENSE" LICENSE.fast-xml-parser
(cd "$tmp" && npm i -q --no-save esbuild@0.28.2 >/dev/null)
(cd "$tmp/fast-xml-parser/package" && "$tmp/node_modules/.bin/esbuild" src/parser.js --bundle --format=cjs \
	--minify --platform=neutral --log-level=warning --outfile="$OLDPWD/fast-xml-parser.min.js")
