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

local threads = {}

function setup(thread)
	table.insert(threads, thread)
	thread:set("id", #threads)
end

function init(args)
	filed = 0
	failed = 0
	statuses = ""
	tracked = {}
	seen = {}
	key = args[1]
	categories = {}
	for c in args[2]:gmatch("%d+") do
		table.insert(categories, c)
	end
	run = args[3]
	outpath = args[4]
	turn = (id - 1) * 7
	n = 0
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
	if tracking then
		filed = filed + 1
		tracked[filed] = tracking
	else
		failed = failed + 1
		if not seen[status] then
			seen[status] = true
			statuses = statuses .. " " .. status
		end
	end
end

function done(summary, latency, requests)
	local ok, bad, codes = 0, 0, ""
	-- done() runs in wrk's main Lua state, which init() never saw.
	local out = assert(io.open(threads[1]:get("outpath"), "w"))
	for _, t in ipairs(threads) do
		ok = ok + t:get("filed")
		bad = bad + t:get("failed")
		codes = codes .. t:get("statuses")
		for _, tracking in ipairs(t:get("tracked")) do
			out:write(tracking, "\n")
		end
	end
	out:close()
	local e = summary.errors
	io.write(string.format("requests: %d\n", summary.requests))
	io.write(string.format("filed: %d\n", ok))
	io.write(string.format("failed: %d\n", bad))
	io.write(string.format("failed_statuses:%s\n", codes == "" and " none" or codes))
	io.write(string.format("socket_errors: %d\n", e.connect + e.read + e.write + e.timeout))
	io.write(string.format("p50_ms: %.2f\n", latency:percentile(50) / 1000))
	io.write(string.format("p99_ms: %.2f\n", latency:percentile(99) / 1000))
	io.write(string.format("max_ms: %.2f\n", latency.max / 1000))
	io.write(string.format("open311_post_per_s: %.0f\n", ok / (summary.duration / 1e6)))
end
