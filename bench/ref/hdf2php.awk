# SPDX-License-Identifier: AGPL-3.0-or-later
# hdf2php.awk: turns language files (cs-templates/lang/ko.hdf, then
# lang/ko.d/*.hdf in name order, as lib/render loads them) into one PHP file
# returning a flat array 'Nav.Skip' => '본문으로 건너뛰기', so that the PHP
# reference page (case.php) shows the very strings madang-web shows; a key
# given again later wins, as in HDF. Handles what our language files use:
# "Name {", "}", "key = value" and "#" comment lines; not HDF's "<<"
# multi-line values or includes.
#
#   awk -f hdf2php.awk lang/ko.hdf lang/ko.d/*.hdf > lang_ko.php

function trim(s) {
	sub(/^[ \t]+/, "", s)
	sub(/[ \t]+$/, "", s)
	return s
}

function prefix(   i, p) {
	p = ""
	for (i = 1; i <= depth; i++)
		p = p stack[i] "."
	return p
}

# A PHP single-quoted literal: only \ and ' need a backslash.
function quote(s) {
	gsub(/\\/, "\\\\", s)
	gsub(/'/, "\\'", s)
	return "'" s "'"
}

BEGIN { print "<?php"; print "// Generated from a Madang language file by bench/ref/hdf2php.awk."; print "return ["; depth = 0 }
FNR == 1 { depth = 0 }
/^[ \t]*(#|$)/ { next }
/^[ \t]*}[ \t]*$/ { depth--; next }
/^[ \t]*[A-Za-z0-9_.]+[ \t]*\{[ \t]*$/ {
	name = $0
	sub(/\{.*/, "", name)
	stack[++depth] = trim(name)
	next
}
/^[ \t]*[A-Za-z0-9_.]+[ \t]*=/ {
	key = $0
	sub(/=.*/, "", key)
	value = $0
	sub(/^[^=]*=/, "", value)
	printf "  %s => %s,\n", quote(prefix() trim(key)), quote(trim(value))
	next
}
{ printf "hdf2php.awk: %s:%d: cannot read: %s\n", FILENAME, FNR, $0 > "/dev/stderr"; bad = 1 }
END { print "];"; exit bad }
