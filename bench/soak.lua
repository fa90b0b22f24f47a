-- SPDX-License-Identifier: AGPL-3.0-or-later
-- soak.lua: wrk script of bench/soak (issue 16, endurance). Each
-- connection sends, in turn, a mix of what a day brings: of every 20
-- requests, 18 anonymous public pages (/, /cases, /stats and the public
-- case pages of PUBLIC, in turn), 1 citizen filing a complaint and 1 staff
-- inbox (/staff/cases with STAFF_COOKIE's session). The filing is
-- bench/filing.lua's (a multipart POST to /cases/new with the session
-- cookie and its CSRF token; the same first four arguments), and so are
-- the tally and the figures at the end (bench/wrk-tally.lua): a 303 to
-- /cases/TRACKING?filed=1 is an acknowledged filing, its number written
-- to OUT. Which other answer belongs to which request wrk does not say:
-- bench/soak reads every request's status from nginx's access log.
--   wrk -t1 -c256 -d600s -s bench/soak.lua http://127.0.0.1:PORT -- \
--       SESSIONS CATEGORIES RUN OUT PUBLIC STAFF_COOKIE

local here = debug.getinfo(1, "S").source:match("^@?(.-)[^/]*$")
dofile(here .. "filing.lua")
local filing_init, filing_request = init, request

function init(args)
	filing_init(args)
	public = { wrk.format("GET", "/"), wrk.format("GET", "/cases"), wrk.format("GET", "/stats") }
	for line in io.lines(args[5]) do
		if line:match("^%d%d%d%d%-%d%d%d%d%d%d$") then
			table.insert(public, wrk.format("GET", "/cases/" .. line))
		end
	end
	inbox = wrk.format("GET", "/staff/cases", { ["Cookie"] = "mdg_session=" .. args[6] })
	mix = id
	pub = id
end

function request()
	mix = mix + 1
	local slot = mix % 20
	if slot == 0 then
		return filing_request()
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
			tally(status, tracking)
		end
	end
end
