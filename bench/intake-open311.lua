-- SPDX-License-Identifier: AGPL-3.0-or-later
-- intake-open311.lua: wrk script of bench/intake-open311. Client
-- applications file service requests through the Open311 API, as a city's
-- app does: a form-urlencoded POST /open311/v2/requests.json with the
-- api_key, the next service of CATEGORIES (comma-separated ids), a
-- location, the e-mail of one of 64 citizens and a description that is
-- unique in the run ("RUN D<thread>-<n> ..."), so that the script can
-- check afterwards that every request is stored once. A request succeeded
-- when the answer is 200 with its service_request_id; those ids go to
-- OUT, one a line. At the end it prints its counts as "name: value":
--   wrk -t2 -c64 -d30s -s bench/intake-open311.lua http://127.0.0.1:PORT -- KEY CATEGORIES RUN OUT

-- The counting and the figures: bench/wrk-tally.lua, next to this script.
dofile(debug.getinfo(1, "S").source:match("^@?(.-)[^/]*$") .. "wrk-tally.lua")

function init(args)
	tally_init(args)
	key = args[1]
	categories = {}
	for c in args[2]:gmatch("%d+") do
		table.insert(categories, c)
	end
end

local function enc(s)
	return (s:gsub("[^%w%-%._~]", function(c) return string.format("%%%02X", c:byte()) end))
end

function request()
	n = n + 1
	turn = turn + 1
	local category = categories[turn % #categories + 1]
	local body = "api_key=" .. enc(key) ..
		"&service_code=" .. category ..
		"&lat=37." .. string.format("%06d", (turn * 7919) % 1000000) ..
		"&long=126.978" ..
		"&email=" .. enc(string.format("o311bench%02d@example.kr", turn % 64)) ..
		"&description=" .. enc(run .. " D" .. id .. "-" .. n .. " 가로등이 꺼져 있습니다. " ..
			"밤마다 골목이 어두워 다니기 무섭습니다. 빠른 수리를 부탁드립니다.") ..
		"&attribute%5Bdamage%5D=sign"
	return wrk.format("POST", "/open311/v2/requests.json", {
		["Content-Type"] = "application/x-www-form-urlencoded",
	}, body)
end

function response(status, headers, body)
	local tracking = nil
	if status == 200 then
		tracking = body:match('"service_request_id":"(%d%d%d%d%-%d%d%d%d%d%d)"')
	end
	tally(status, tracking)
end

function done(summary, latency, requests)
	tally_done(summary, latency, "open311_post_per_s")
end
