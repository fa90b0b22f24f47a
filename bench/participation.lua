-- SPDX-License-Identifier: AGPL-3.0-or-later
-- participation.lua: wrk script of bench/participation. Citizens support
-- policy proposals through the button on a proposal's page, as a browser
-- sends it: POST /proposals/ID/support (action=add) with the session
-- cookie and that session's CSRF token. Each thread takes its share of
-- the sessions (the "cookie csrf" lines of SESSIONS whose line number
-- modulo THREADS is its own) and walks the pairs (proposal, supporter):
-- request i goes to proposal i mod #PROPOSALS from supporter i div
-- #PROPOSALS, so that the connections in flight spread over every
-- proposal and no pair comes twice until the thread has used them all.
-- A support counted is the redirect to ?done=supported; the proposal ids
-- of those go to OUT, one a line. At the end it prints its counts as
-- "name: value" lines (supports_per_s last):
--   wrk -t2 -c200 -d10s -s bench/participation.lua http://127.0.0.1:PORT -- SESSIONS PROPOSALS RUN OUT THREADS

dofile(debug.getinfo(1, "S").source:match("^@?(.-)[^/]*$") .. "wrk-tally.lua")

function init(args)
	tally_init(args)
	local threads_n = tonumber(args[5])
	sessions = {}
	local line_no = 0
	for line in io.lines(args[1]) do
		local cookie, csrf = line:match("^(%S+) (%S+)$")
		if cookie then
			if line_no % threads_n == id - 1 then
				table.insert(sessions, { cookie = "mdg_session=" .. cookie, csrf = csrf })
			end
			line_no = line_no + 1
		end
	end
	proposals = {}
	for p in args[2]:gmatch("%d+") do
		table.insert(proposals, p)
	end
	i = 0
end

function request()
	local p = proposals[i % #proposals + 1]
	local s = sessions[math.floor(i / #proposals) % #sessions + 1]
	i = i + 1
	return wrk.format("POST", "/proposals/" .. p .. "/support", {
		["Cookie"] = s.cookie,
		["Content-Type"] = "application/x-www-form-urlencoded",
	}, "csrf=" .. s.csrf .. "&action=add")
end

function response(status, headers, body)
	local id = nil
	if status == 303 then
		id = (headers["Location"] or ""):match("^/proposals/(%d+)%?done=supported$")
	end
	tally(status, id)
end

function done(summary, latency, requests)
	tally_done(summary, latency, "supports_per_s")
end
