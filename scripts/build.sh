#!/usr/bin/env bash
# Release build of both pages into dist/: the rating form (index.html, the
# small first load) and the therapist page (therapist.html, generated here).
# Trunk builds one page at a time and always names it index.html, so the
# therapist page is built beside, renamed and copied in; then the post-build
# step runs over the whole of dist/ once more: the JS and CSS minified, CSP
# hashes for both pages and one service worker that precaches every file.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PWD/scripts/tools/node_modules/.bin:$PATH"
# Panic locations embed source paths; remapping them makes the bundle (and its
# size, which the test command asserts) the same wherever the repo is cloned.
# This replaces .cargo/config.toml's flags, so erase_components is repeated.
# The crates' registry folder is also cut short, to `c`: each panic location
# carries its file's path, and the form's wasm holds some seventy of them.
# (When two prefixes match, the last one given wins, so the longer comes after.)
flags="--cfg erase_components --remap-path-prefix=$PWD=/attune --remap-path-prefix=$HOME/.cargo=/cargo"
for registry in "$HOME"/.cargo/registry/src/*/; do
  [ -d "$registry" ] && flags="$flags --remap-path-prefix=${registry%/}=c"
done
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="$flags"
side=target/therapist-dist
# therapist.html is made from index.html, so the two pages cannot drift apart
# (same head, same CSP); only the binary, the title, the one-off file copies,
# the therapist's own stylesheet (kept out of the form's first load) and the
# form's static first paint (the rating screen, and the inline paint.js that guards it)
# differ.
sed -e 's/data-bin="attune"/data-bin="therapist"/' \
    -e '/<!-- paint:/,/<!-- \/paint -->/d' \
    -e '/<!-- Is the static rating screen/,/src="paint.js"/d' \
    -e 's#<title>Attune</title>#<title>Attune: therapist</title>#' \
    -e '/data-trunk rel="copy-file"/d' \
    -e 's#^\( *\)<link data-trunk rel="css" href="style/main.css" />#&\n\1<link data-trunk rel="css" href="style/therapist.css" />#' \
    index.html > therapist.html
trunk build therapist.html --offline --release --dist "$side"
# The full form module (binary `form`): what index.html starts when the page
# is not the plain form, and what the first module (binary `attune`, the
# plain form only) hands over to; only its js and wasm are kept.
full=target/form-dist
sed -e 's/data-bin="attune"/data-bin="form"/' index.html > form.html
trunk build form.html --offline --release --dist "$full"
trunk build --offline --release
cp "$full"/form-*.js "$full"/form-*_bg.wasm dist/
for f in "$side"/*; do
  name=$(basename "$f")
  case "$name" in
    index.html) cp "$f" dist/therapist.html ;;
    sw.js | sw-register.js) ;; # written for the whole of dist/ below
    *) [ -e "dist/$name" ] || cp -R "$f" dist/ ;;
  esac
done
node scripts/postbuild.mjs dist --minify
