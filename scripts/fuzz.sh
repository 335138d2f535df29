#!/usr/bin/env bash
# A short fuzz run of every reader (CI): builds the cargo-fuzz targets in fuzz/ on the stable
# toolchain and runs each for FUZZ_SECONDS (default 45; or the first argument), seeded from
# fuzz/seeds, the saved regression cases and the shared MARC corpus (../shared/corpus beside
# the repository, or QIAO_CORPUS). Exits non-zero on any crash, panic, hang or running out
# of memory, printing the input that did it.
#
#   scripts/fuzz.sh            # 45 s per target
#   scripts/fuzz.sh 600        # or FUZZ_SECONDS=600 scripts/fuzz.sh; TARGETS="mrk marcxml" for some
#
# Stable Rust is enough: without a sanitizer (--sanitizer none) cargo-fuzz passes only stable
# flags (-Cpasses=sancov-module and LLVM coverage options). Panics, failed invariants, hangs
# and excess memory are caught; what AddressSanitizer would add matters little for crates
# without unsafe code. Needs a C++ compiler (Debian: g++, in build-essential) to build
# libFuzzer; it is installed if missing.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"

seconds="${1:-${FUZZ_SECONDS:-45}}"
targets=(${TARGETS:-iso2709 marcxml mrk charset})
cargo_fuzz_version=0.13.2
flags=(-O -a --sanitizer none)

sudo_if_needed() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
if ! command -v c++ >/dev/null 2>&1; then
  echo "fuzz: installing g++ (libFuzzer is C++)"
  sudo_if_needed apt-get -o DPkg::Lock::Timeout=600 update -qq
  sudo_if_needed env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq g++
fi
if ! cargo fuzz --version 2>/dev/null | grep -q " $cargo_fuzz_version\$"; then
  echo "fuzz: installing cargo-fuzz $cargo_fuzz_version"
  cargo install cargo-fuzz --locked --version "$cargo_fuzz_version"
fi

echo "== fuzz: building the targets ($(rustc --version))"
(cd fuzz && cargo fuzz build "${flags[@]}")

corpus="${QIAO_CORPUS:-$PWD/../shared/corpus}"
[ -d "$corpus" ] || echo "fuzz: no shared corpus at $corpus (set QIAO_CORPUS); seeding from the repository only"

# Per target, links to the shared corpus files of its format (small ones: inputs are cut
# to -max_len anyway), so libFuzzer starts from real records.
seeds="$(mktemp -d)"
trap 'rm -rf "$seeds"' EXIT
link_seeds() {
  local target="$1" dir="$seeds/$1" f name
  mkdir -p "$dir"
  [ -d "$corpus" ] || return 0
  while IFS= read -r -d '' f; do
    name="${f#"$corpus"/}"
    case "$target:$f" in
      marcxml:*.xml | mrk:*.mrk) ;;
      iso2709:*.xml | iso2709:*.json | iso2709:*.md | iso2709:*.mrk) continue ;;
      charset:*.xml | charset:*.json | charset:*.md) continue ;;
      iso2709:* | charset:*) ;;
      *) continue ;;
    esac
    ln -s "$f" "$dir/${name//\//_}"
  done < <(find "$corpus" -type f -size -64k -print0)
}

# FUZZ_SEED fixes libFuzzer's random choices, so a run can be repeated (CI passes one);
# without it every run explores afresh.
seed=()
[ -n "${FUZZ_SEED:-}" ] && seed=(-seed="$FUZZ_SEED")

failed=()
for target in "${targets[@]}"; do
  case "$target" in
    iso2709) options=(-dict=dict/iso2709.dict -max_len=16384) ;;
    marcxml) options=(-dict=dict/marcxml.dict -max_len=16384) ;;
    mrk) options=(-dict=dict/mrk.dict -max_len=8192) ;;
    charset) options=(-max_len=4096) ;;
    *) echo "fuzz: unknown target $target" >&2; exit 2 ;;
  esac
  link_seeds "$target"
  # Paths from fuzz/: the first folder collects what the run finds (kept between local runs).
  dirs=("corpus/$target" "seeds/$target" "$seeds/$target")
  for cases in crates/*/tests/fuzz-cases/"$target"; do
    [ -d "$cases" ] && dirs+=("../$cases")
  done
  [ "$target" = mrk ] && dirs+=(../crates/core/demo)
  mkdir -p "fuzz/corpus/$target" "fuzz/artifacts/$target"
  log="artifacts/$target/fuzz.log"
  started="fuzz/artifacts/$target/.started"
  touch "$started"
  echo "== fuzz: $target for ${seconds}s"
  if (cd fuzz && cargo fuzz run "${flags[@]}" "$target" "${dirs[@]}" -- -max_total_time="$seconds" \
    -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 "${seed[@]}" "${options[@]}" >"$log" 2>&1); then
    grep -E "^stat::(number_of_executed_units|average_exec_per_sec)" "fuzz/$log" | sed "s/^/   $target /" || true
  else
    failed+=("$target")
    grep -E "panicked at|ERROR: libFuzzer|SUMMARY" -A3 "fuzz/$log" | head -40 >&2 || tail -40 "fuzz/$log" >&2
    find "fuzz/artifacts/$target" -type f -newer "$started" \( -name 'crash-*' -o -name 'timeout-*' -o -name 'oom-*' \) \
      -exec echo "fuzz: $target failed on input $PWD/{}" \; >&2
    echo "fuzz: full log in $PWD/fuzz/$log; reproduce with (cd fuzz && cargo fuzz run ${flags[*]} $target <input>)" >&2
  fi
done

if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzz: FAILED: ${failed[*]}" >&2
  exit 1
fi
echo "fuzz: ${#targets[@]} targets ran ${seconds}s each without a failure"
