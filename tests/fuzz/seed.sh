#!/bin/sh
# Builds the seed corpora of the fuzz targets from examples/ and the golden
# cases: DIR/corpus-TARGET/ (not versioned; make fuzz uses build-fuzz/).
# Run from anywhere: sh tests/fuzz/seed.sh [DIR]     (default tests/fuzz)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
dest=${1:-$here}
mkdir -p "$dest"
dest=$(cd "$dest" && pwd)
cd "$top"

for t in yaml md query pipeline; do
	mkdir -p "$dest/corpus-$t"
done

# A file name for a seed: its path with '/' as '_'.
seedname() {
	printf '%s' "$1" | sed 's,^\./,,; s,/,_,g'
}

journals="examples"
for d in tests/golden/*/; do
	[ -f "$d/kith.yaml" ] && journals="$journals ${d%/}"
done

# yaml and md: every file as it is.
for d in $journals; do
	find "$d" -type f -name '*.yaml' | sort | while read -r f; do
		cp "$f" "$dest/corpus-yaml/$(seedname "$f")"
	done
	find "$d" -type f -name '*.md' | sort | while read -r f; do
		cp "$f" "$dest/corpus-md/$(seedname "$f")"
	done
done

# pipeline: one kith.yaml holding the sections of every YAML file of the
# journal (each top-level key once, the bodies concatenated), including
# journal.md, which holds every Markdown file; separated by "%%%%".
merge_yaml() {
	awk '
	/^[A-Za-z0-9_-]+:/ {
		key = $0; sub(/:.*/, "", key)
		skip = (key == "include")
		if (!skip && !(key in body)) {
			order[++n] = key
			body[key] = $0 "\n"
		}
		next
	}
	{ if (key != "" && !skip) body[key] = body[key] $0 "\n" }
	END {
		for (i = 1; i <= n; i++)
			printf "%s", body[order[i]]
	}' "$@"
}
for d in $journals; do
	out="$dest/corpus-pipeline/$(seedname "$d")"
	others=$(find "$d" -type f -name '*.yaml' ! -path "$d/kith.yaml" | sort)
	mds=$(find "$d" -type f -name '*.md' ! -name README.md | sort)
	{
		# shellcheck disable=SC2086
		merge_yaml "$d/kith.yaml" $others
		[ -n "$mds" ] && printf 'include: [journal.md]\n'
		printf '%%%%%%%%\n'
		# shellcheck disable=SC2086
		[ -z "$mds" ] || cat $mds
	} >"$out"
done

# query: the where: of every goal metric, the queries of the golden
# commands, and one of each term and operator.
i=0
{
	grep -rh '^ *where:' $journals | sed 's/^ *where: *//; s/^'"'"'\(.*\)'"'"'$/\1/'
	cat "$here/queries.txt"
} | sort -u | while IFS= read -r q; do
	i=$((i + 1))
	printf '%s' "$q" >"$dest/corpus-query/q$i"
done

# yaml: inputs that once found a bug, kept so that every run meets them.
cp "$here"/seeds-yaml/* "$dest/corpus-yaml/"

# lsp: the scripted message lists of tests/fuzz/seeds-lsp.
mkdir -p "$dest/corpus-lsp"
cp "$here"/seeds-lsp/* "$dest/corpus-lsp/"

# import readers: the hand-written exports.
for t in vcard linkedin icsimport; do
	mkdir -p "$dest/corpus-$t"
done
for f in tests/golden/_import/*.vcf examples/import/*.vcf; do
	cp "$f" "$dest/corpus-vcard/$(seedname "$f")"
done
for f in tests/golden/_import/*.csv examples/import/*.csv; do
	cp "$f" "$dest/corpus-linkedin/$(seedname "$f")"
done
for f in tests/golden/_import/*.ics examples/import/*.ics; do
	cp "$f" "$dest/corpus-icsimport/$(seedname "$f")"
done

for t in yaml md query pipeline lsp vcard linkedin icsimport; do
	printf '%s: %s seeds\n' "corpus-$t" "$(ls "$dest/corpus-$t" | wc -l)"
done
