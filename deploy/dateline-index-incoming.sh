#!/bin/sh
# Index every file waiting in the incoming folder, then move it to done/ (its rejected records,
# if any, are kept in rejects/). A file that fails for another reason (a locked index, an
# unreadable file) stays in incoming/ for the next run.
set -u
root=${DATELINE_HOME:-/var/lib/dateline}
for file in "$root"/incoming/*.json "$root"/incoming/*.jsonl "$root"/incoming/*.gz; do
    [ -e "$file" ] || continue
    name=$(basename "$file")
    dateline-index add --db "$root/index" --rejects "$root/rejects/$name.rejects.jsonl" "$file"
    status=$?
    # 0: all indexed; 3: indexed, with rejects recorded.
    if [ "$status" -eq 0 ] || [ "$status" -eq 3 ]; then
        mv "$file" "$root/done/"
    else
        echo "left $name in incoming/ (dateline-index exit status $status)" >&2
    fi
done
