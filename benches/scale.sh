#!/usr/bin/env bash
# Scale benchmark (issue 12): generated corpora of N documents (made from the
# bundled samples by examples/gen_corpus.rs), timed cold (empty cache) and
# warm (cached):
#   - the explorer, driven in tmux with BUDGETTUI_TRACE: time to the first
#     frame, to the list, to the first document shown and to "all
#     searchable", and its resident memory (VmRSS then, VmHWM peak);
#   - headless `search`, against `rg` over the same folder;
#   - `export --format jsonl`;
#   - the size of the cache;
#   - one file holding the first ONE_FILE documents of the corpus one after
#     the other (300 by default: 21 MB): `check`, `search`, `export` without
#     the cache, and the explorer cold and warm, with their peak memory
#     (issue 12 asks ≤ 4 × the file).
#
#   benches/scale.sh                 # 1,000 and 10,000 documents
#   SIZES="1000" benches/scale.sh    # one size
#   SCALE_DIR=/tmp/x KEEP=1 ...      # where corpora and caches go; KEEP keeps them
#
# Needs: cargo, tmux (for the explorer), rg (ripgrep; `apt-get install
# ripgrep` or `cargo install ripgrep`), GNU time (/usr/bin/time).
# Figures are wall-clock seconds unless said; CPU is user+system seconds.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=${SCALE_DIR:-/tmp/budgettui-scale}
SIZES=${SIZES:-"1000 10000"}
QUERY=${QUERY:-智慧社区}
BIN="$ROOT/target/release/budgettui"
mkdir -p "$WORK"

(cd "$ROOT" && cargo build --release --locked --bin budgettui --example gen_corpus >&2)

# seconds, user+sys CPU, max RSS in MB of a command (output discarded)
timed() {
    /usr/bin/time -f "%e %U %S %M" -o "$WORK/time.txt" "$@" > /dev/null 2>&1 || true
    # the last line: a failing command's status comes first (`check` exits 1 on findings)
    tail -n 1 "$WORK/time.txt" | awk '{printf "%.2f s (cpu %.2f s, %d MB)", $1, $2 + $3, $4 / 1024}'
}

# the median wall time of three runs of a command
median3() {
    for _ in 1 2 3; do
        /usr/bin/time -f "%e" -o "$WORK/t1.txt" "$@" > /dev/null 2>&1 || true
        cat "$WORK/t1.txt"
    done | sort -n | sed -n 2p
}

# the explorer over $1 with cache $2 until every document is searchable:
# prints the trace's milestones (ms) and memory (MB)
explore() {
    local dir=$1 cache=$2 trace="$WORK/trace.txt"
    rm -f "$trace"
    tmux kill-session -t budgettui-scale 2> /dev/null || true
    tmux new-session -d -s budgettui-scale -x 160 -y 45 \
        "exec env BUDGETTUI_TRACE=$trace BUDGETTUI_CACHE_DIR=$cache $BIN $dir"
    local pid
    pid=$(tmux display -p -t budgettui-scale '#{pane_pid}')
    for _ in $(seq 1 6000); do
        grep -q all_searchable "$trace" 2> /dev/null && break
        sleep 0.1
    done
    local hwm
    hwm=$(awk '/VmHWM/ {print int($2 / 1024)}' "/proc/$pid/status" 2> /dev/null || echo "?")
    tmux send-keys -t budgettui-scale q
    sleep 0.3
    tmux kill-session -t budgettui-scale 2> /dev/null || true
    awk -v hwm="$hwm" '
        { ms[$2] = $1 }
        /all_searchable/ { for (i = 3; i <= NF; i++) if ($i ~ /^rss_kb=/) { split($i, a, "="); rss = int(a[2] / 1024) } }
        END {
            printf "first frame %s ms, listed %s ms, first document %s ms, all searchable %s ms, RSS %s MB (peak %s MB)",
                ms["first_frame"], ms["listed"], ms["first_document"], ms["all_searchable"], rss, hwm
        }' "$trace"
}

for n in $SIZES; do
    corpus="$WORK/corpus-$n"
    cache="$WORK/cache-$n"
    if [ ! -d "$corpus" ]; then
        "$ROOT/target/release/examples/gen_corpus" "$n" "$corpus" >&2
    fi
    bytes=$(du -sbL "$corpus" | cut -f1)
    echo "## $n documents, $((bytes / 1000000)) MB of text"
    export BUDGETTUI_CACHE_DIR="$cache"
    rm -rf "$cache"
    echo "- headless search, cold: $(timed "$BIN" search "$QUERY" "$corpus")"
    echo "- cache after it: $(du -sm "$cache" | cut -f1) MB"
    echo "- headless search, warm: $(timed "$BIN" search "$QUERY" "$corpus"); median of 3: $(median3 "$BIN" search "$QUERY" "$corpus") s"
    if command -v rg > /dev/null; then
        echo "- rg over the same folder, median of 3: $(median3 rg -c "$QUERY" "$corpus") s"
    fi
    echo "- export --format jsonl, warm: $(timed "$BIN" export --format jsonl "$corpus")"
    if command -v tmux > /dev/null; then
        rm -rf "$cache"
        echo "- explorer, cold: $(explore "$corpus" "$cache")"
        for run in 1 2 3; do
            echo "- explorer, warm ($run): $(explore "$corpus" "$cache")"
        done
    fi
    one="$WORK/one-file-$n.txt"
    find -L "$corpus" -type f -name '*.txt' | sort | head -n "${ONE_FILE:-300}" | xargs cat > "$one"
    echo "- one file of $(( $(stat -c %s "$one") / 1000000 )) MB:"
    echo "  - check --no-cache: $(timed "$BIN" check --no-cache "$one")"
    echo "  - search --no-cache: $(timed "$BIN" search --no-cache "$QUERY" "$one")"
    echo "  - export --no-cache --format jsonl: $(timed "$BIN" export --no-cache --format jsonl "$one")"
    if command -v tmux > /dev/null; then
        rm -rf "$cache-one"
        echo "  - explorer, cold: $(explore "$one" "$cache-one")"
        echo "  - explorer, warm: $(explore "$one" "$cache-one")"
        rm -rf "$cache-one"
    fi
    rm -f "$one"
    unset BUDGETTUI_CACHE_DIR
    if [ -z "${KEEP:-}" ]; then
        rm -rf "$cache"
        [ "$n" -gt 1000 ] && rm -rf "$corpus"
    fi
    echo
done
