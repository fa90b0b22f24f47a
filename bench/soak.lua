-- SPDX-License-Identifier: AGPL-3.0-or-later
-- soak.lua: wrk script of bench/soak (issue 16, endurance). Each
-- connection sends, in turn, a mix of what a day brings: mostly anonymous
-- public pages (/, /cases, a public case page, /stats), now and then a
-- citizen filing a complaint through the form at /cases/new (multipart
-- POST with the session cookie and that session's CSRF token, as
-- bench/filing.lua sends it) and staff opening the inbox (/staff/cases).
-- Of every 20 requests: FILE_EVERY filings, 1 inbox, the rest public.
--   wrk -t1 -c256 -d600s -s bench/soak.lua http://127.0.0.1:PORT -- \
--       SESSIONS CATEGORIES RUN OUT PUBLIC STAFF_COOKIE
-- SESSIONS: "cookie csrf" lines of citizens; CATEGORIES: comma-separated
-- ids; RUN: the run's title prefix; OUT: where the tracking numbers of the
-- acknowledged filings go (a 303 to /cases/TRACKING?filed=1: the only
-- answer of this mix that redirects there); PUBLIC: public tracking
-- numbers, one a line; STAFF_COOKIE: a signed-in staff member's session.
-- Which answer belongs to which request wrk does not say: bench/soak
-- reads the status of each request from nginx's access log instead.
-- At the end it prints "name: value" lines.

local threads = {}
local boundary = "----madangbenchsoak7MA4YWxkTrZu0gW"

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
	public = { wrk.format("GET", "/"), wrk.format("GET", "/cases"), wrk.format("GET", "/stats") }
	for line in io.lines(args[5]) do
		if line:match("^%d%d%d%d%-%d%d%d%d%d%d$") then
			table.insert(public, wrk.format("GET", "/cases/" .. line))
		end
	end
	inbox = wrk.format("GET", "/staff/cases", { ["Cookie"] = "mdg_session=" .. args[6] })
	filed = 0
	tracked = {}
	non2xx = 0
	turn = (id - 1) * 7
	n = 0
	pub = id
end

local function filing()
	n = n + 1
	local s = sessions[n % #sessions + 1]
	local category = categories[n % #categories + 1]
	local body = part("csrf", s.csrf) ..
		part("category", category) ..
		part("title", run .. " T" .. id .. "-" .. n .. " 가로등이 밤새 꺼져 있습니다") ..
		part("body", "우리 동네 골목길 가로등이 일주일째 꺼져 있어 밤길이 위험합니다. " ..
			"특히 학원에서 돌아오는 아이들이 걱정됩니다. 점검을 부탁드립니다.") ..
		part("public", "1") ..
		"--" .. boundary .. "--\r\n"
	return wrk.format("POST", "/cases/new", {
		["Cookie"] = s.cookie,
		["Content-Type"] = "multipart/form-data; boundary=" .. boundary,
	}, body)
end

function request()
	turn = turn + 1
	local slot = turn % 20
	if slot == 0 then
		return filing()
	elseif slot == 10 then
		return inbox
	end
	pub = pub % #public + 1
	return public[pub]
end

function response(status, headers, body)
	if status == 303 then
		local tracking = (headers["Location"] or ""):match("^/cases/(%d%d%d%d%-%d%d%d%d%d%d)%?filed=1")
		if tracking then
			filed = filed + 1
			tracked[filed] = tracking
			return
		end
	end
	if status < 200 or status > 399 then
		non2xx = non2xx + 1
	end
end

function done(summary, latency, requests)
	local ok, bad = 0, 0
	-- done() runs in wrk's main Lua state, which init() never saw.
	local out = assert(io.open(threads[1]:get("outpath"), "w"))
	for _, t in ipairs(threads) do
		ok = ok + t:get("filed")
		bad = bad + t:get("non2xx")
		for _, tracking in ipairs(t:get("tracked")) do
			out:write(tracking, "\n")
		end
	end
	out:close()
	local e = summary.errors
	io.write(string.format("requests: %d\n", summary.requests))
	io.write(string.format("filed: %d\n", ok))
	io.write(string.format("not_ok: %d\n", bad))
	io.write(string.format("socket_errors: %d\n", e.connect + e.read + e.write + e.timeout))
	io.write(string.format("socket_errors_detail: connect %d, read %d, write %d, timeout %d\n",
		e.connect, e.read, e.write, e.timeout))
	io.write(string.format("p50_ms: %.2f\n", latency:percentile(50) / 1000))
	io.write(string.format("p99_ms: %.2f\n", latency:percentile(99) / 1000))
	io.write(string.format("max_ms: %.2f\n", latency.max / 1000))
end
