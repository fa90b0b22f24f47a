-- SPDX-License-Identifier: AGPL-3.0-or-later
-- filing.lua: wrk script of bench/filing. Citizens file complaints through
-- the form at /cases/new, as a browser does: a multipart/form-data POST
-- with the session cookie and the CSRF token of that session. Each request
-- is the next citizen in turn (the "cookie csrf" lines of SESSIONS), the
-- next category of CATEGORIES (comma-separated ids), and a title that is
-- unique in the run ("RUN T<thread>-<n>"), so that the script can check
-- afterwards that every filing is stored once. A filing succeeded when the
-- answer is the redirect to the new case (303, /cases/TRACKING?filed=1);
-- the tracking numbers of those go to OUT, one a line. At the end it prints
-- its counts as "name: value" lines:
--   wrk -t2 -c64 -d30s -s bench/filing.lua http://127.0.0.1:PORT -- SESSIONS CATEGORIES RUN OUT

local threads = {}
local boundary = "----madangbenchfiling7MA4YWxkTrZu0gW"

function setup(thread)
	table.insert(threads, thread)
	thread:set("id", #threads)
end

local function part(name, value)
	return "--" .. boundary .. "\r\n" ..
		'Content-Disposition: form-data; name="' .. name .. '"\r\n\r\n' ..
		value .. "\r\n"
end

function init(args)
	-- Globals of the thread's own Lua state, read by done() through get().
	filed = 0
	failed = 0
	statuses = ""
	tracked = {}
	seen = {}
	sessions = {}
	for line in io.lines(args[1]) do
		local cookie, csrf = line:match("^(%S+) (%S+)$")
		if cookie then
			table.insert(sessions, { cookie = "mdg_session=" .. cookie, csrf = csrf })
		end
	end
	categories = {}
	for c in args[2]:gmatch("%d+") do
		table.insert(categories, c)
	end
	run = args[3]
	outpath = args[4]
	-- Threads start at different citizens, so that the first requests of
	-- the run are not all the same citizen's.
	turn = (id - 1) * 7
	n = 0
end

function request()
	n = n + 1
	turn = turn + 1
	local s = sessions[turn % #sessions + 1]
	local category = categories[turn % #categories + 1]
	local body = part("csrf", s.csrf) ..
		part("category", category) ..
		part("title", run .. " T" .. id .. "-" .. n .. " 횡단보도 신호등이 고장났습니다") ..
		part("body", "시청 앞 사거리 횡단보도의 보행자 신호등이 사흘째 꺼져 있습니다. " ..
			"출퇴근 시간에 아이들과 어르신들이 차 사이로 건너고 있어 매우 위험합니다. " ..
			"빠른 수리를 부탁드립니다.") ..
		part("public", "1") ..
		"--" .. boundary .. "--\r\n"
	return wrk.format("POST", "/cases/new", {
		["Cookie"] = s.cookie,
		["Content-Type"] = "multipart/form-data; boundary=" .. boundary,
	}, body)
end

function response(status, headers, body)
	local tracking = nil
	if status == 303 then
		tracking = (headers["Location"] or ""):match("^/cases/(%d%d%d%d%-%d%d%d%d%d%d)%?filed=1$")
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
	io.write(string.format("filings_per_s: %.0f\n", ok / (summary.duration / 1e6)))
end
