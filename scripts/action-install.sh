#!/usr/bin/env bash
# The install step of the gonogo GitHub Action (action.yml): puts the gonogo binary of the
# action's own version into GONOGO_DIR/bin and writes the step output `bin`.
#
# 1. GONOGO_DIR/bin/gonogo already there (restored by actions/cache) and of this version: done.
# 2. A prebuilt release archive for this runner: download gonogo-<version>-<target>.tar.gz
#    (.zip on Windows) and SHA256SUMS from the release, verify the archive's SHA-256 against
#    SHA256SUMS, unpack. A checksum that does not match, or an archive missing from SHA256SUMS,
#    stops the step (exit 1): never install an unverified binary, never fall back silently.
# 3. No prebuilt binary (a runner without one, an action used from a branch or `uses: ./`, a
#    release without assets): build from the action's own source with `cargo install --locked`.
#
# Environment:
#   GITHUB_ACTION_PATH   the action's checkout (its Cargo.toml gives the version)
#   GONOGO_DIR           where to install (action.yml: under RUNNER_TOOL_CACHE, cached)
#   GONOGO_REPOSITORY    owner/name the action comes from (github.action_repository); empty:
#                        read from GITHUB_ACTION_PATH (.../_actions/OWNER/NAME/REF), else no
#                        release to download from
#   GONOGO_RELEASE_URL   the release folder (default:
#                        https://github.com/$GONOGO_REPOSITORY/releases/download/v<version>);
#                        any URL curl reads, file:// included (the tests use a local folder)
#   RUNNER_OS, RUNNER_ARCH, GITHUB_OUTPUT (the runner's)
set -euo pipefail

say() { echo "gonogo install: $*"; }
die() { echo "::error title=gonogo action::$*"; exit 1; }

action_path="${GITHUB_ACTION_PATH:?GITHUB_ACTION_PATH is not set}"
dir="${GONOGO_DIR:?GONOGO_DIR is not set}"
version="$(sed -n 's/^version = "\(.*\)"$/\1/p' "$action_path/Cargo.toml" | head -n 1)"
[ -n "$version" ] || die "no version in $action_path/Cargo.toml"

exe=""
archive_ext=tar.gz
case "${RUNNER_OS:-}/${RUNNER_ARCH:-}" in
    Linux/X64) target=x86_64-unknown-linux-musl ;;
    Linux/ARM64) target=aarch64-unknown-linux-musl ;;
    macOS/X64) target=x86_64-apple-darwin ;;
    macOS/ARM64) target=aarch64-apple-darwin ;;
    Windows/X64) target=x86_64-pc-windows-msvc exe=.exe archive_ext=zip ;;
    *) target="" ;;
esac
bin="$dir/bin/gonogo$exe"

done_with() { # how -> the step output
    say "gonogo $version ($1): $bin"
    echo "bin=$bin" >>"${GITHUB_OUTPUT:?GITHUB_OUTPUT is not set}"
    exit 0
}

# 1. From the cache.
if [ -x "$bin" ] && [ "$("$bin" --version 2>/dev/null)" = "gonogo $version" ]; then
    done_with "cached"
fi

sum() {
    if command -v sha256sum >/dev/null 2>&1; then sha256sum "$1"; else shasum -a 256 "$1"; fi
}

# 2. The prebuilt release archive. The runner checks a used action out to
# .../_actions/OWNER/NAME/REF, which names the repository when github.action_repository is empty
# (as it can be in composite actions).
repository="${GONOGO_REPOSITORY:-}"
if [ -z "$repository" ]; then
    case "$action_path" in
        */_actions/*/*/*)
            rest="${action_path#*/_actions/}"
            owner="${rest%%/*}"
            rest="${rest#*/}"
            repository="$owner/${rest%%/*}"
            ;;
    esac
fi
url="${GONOGO_RELEASE_URL:-}"
if [ -z "$url" ] && [ -n "$repository" ]; then
    url="https://github.com/$repository/releases/download/v$version"
fi
if [ -n "$target" ] && [ -n "$url" ]; then
    name="gonogo-$version-$target"
    tmp="$(mktemp -d)"
    trap 'rm -rf "$tmp"' EXIT
    fetch() { curl --fail --silent --show-error --location --retry 3 --output "$tmp/$1" "$url/$1"; }
    if fetch "$name.$archive_ext" 2>"$tmp/curl.log"; then
        fetch SHA256SUMS || die "$url/SHA256SUMS could not be downloaded: the archive cannot be verified"
        want="$(awk -v f="$name.$archive_ext" '$2 == f || $2 == "*" f { print $1 }' "$tmp/SHA256SUMS")"
        [ -n "$want" ] || die "SHA256SUMS of $url does not list $name.$archive_ext"
        got="$(sum "$tmp/$name.$archive_ext" | cut -d ' ' -f 1)"
        if [ "$got" != "$want" ]; then
            die "checksum mismatch for $name.$archive_ext: SHA256SUMS says $want, the download is $got"
        fi
        if [ "$archive_ext" = zip ] && command -v unzip >/dev/null 2>&1; then
            unzip -q "$tmp/$name.zip" -d "$tmp/x"
        elif [ "$archive_ext" = zip ]; then
            powershell -NoProfile -Command "Expand-Archive -LiteralPath '$tmp/$name.zip' -DestinationPath '$tmp/x'"
        else
            mkdir "$tmp/x" && tar -xzf "$tmp/$name.tar.gz" -C "$tmp/x"
        fi
        [ -f "$tmp/x/$name/gonogo$exe" ] || die "$name.$archive_ext has no $name/gonogo$exe"
        mkdir -p "$dir/bin"
        mv -f "$tmp/x/$name/gonogo$exe" "$bin"
        chmod +x "$bin"
        got="$("$bin" --version 2>&1)" || die "the prebuilt $name does not run here: $got"
        [ "$got" = "gonogo $version" ] || die "the prebuilt $name says '$got', not 'gonogo $version'"
        done_with "prebuilt $target, SHA-256 verified"
    fi
    say "no prebuilt archive at $url/$name.$archive_ext ($(tr '\n' ' ' <"$tmp/curl.log")); building from source"
elif [ -z "$target" ]; then
    say "no prebuilt binary for ${RUNNER_OS:-?}/${RUNNER_ARCH:-?}; building from source"
else
    say "the action's repository is unknown (uses: ./ or a local path); building from source"
fi

# 3. From the action's own source.
command -v cargo >/dev/null 2>&1 || die "no prebuilt gonogo for this runner and no cargo to build one: install Rust (rustup) first"
CARGO_TERM_COLOR=never cargo install --locked --quiet --force --root "$dir" --path "$action_path" --bin gonogo
done_with "built from source"
