# Sourced by checker scripts: $chromium and a run_chromium function with flags that work
# offline (no network, no GPU, no sandbox in containers) and a fresh profile; exits 77 (skip)
# when no Chromium is installed.
chromium=""
for candidate in chromium chromium-browser google-chrome; do
  if command -v "$candidate" >/dev/null; then chromium="$(command -v "$candidate")"; break; fi
done
[ -n "$chromium" ] || { echo "chromium not installed (Debian package chromium): skipping"; exit 77; }
profile="$(mktemp -d)"
trap 'rm -rf "$profile"' EXIT
run_chromium() {
  timeout 120 "$chromium" --headless --no-sandbox --disable-gpu --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync --disable-quic \
    --user-data-dir="$profile" "$@" 2>/dev/null
}
