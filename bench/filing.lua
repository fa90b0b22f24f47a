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

-- The counting and the figures: bench/wrk-tally.lua, next to this script.
dofile(debug.getinfo(1, "S").source:match("^@?(.-)[^/]*$") .. "wrk-tally.lua")

local boundary = "----madangbenchfiling7MA4YWxkTrZu0gW"

local function part(name, value)
	return "--" .. boundary .. "\r\n" ..
		'Content-Disposition: form-data; name="' .. name .. '"\r\n\r\n' ..
		value .. "\r\n"
end

function init(args)
	tally_init(args)
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
	tally(status, tracking)
end

function done(summary, latency, requests)
	tally_done(summary, latency, "filings_per_s")
end
