-- SPDX-License-Identifier: AGPL-3.0-or-later
-- load.lua: wrk script of bench/load. Each connection asks for the paths
-- given after "--" in turn (the public case page and the public list),
-- every answer other than 2xx is counted, and at the end it prints its
-- counts as "name: value" lines:
--   wrk -t2 -c256 -d60s -s bench/load.lua http://127.0.0.1:PORT -- /cases/X /cases

local threads = {}

function setup(thread)
	table.insert(threads, thread)
end

function init(args)
	-- Globals of the thread's own Lua state, read by done() through get().
	non2xx = 0
	statuses = ""
	seen = {}
	reqs = {}
	for i, path in ipairs(args) do
		reqs[i] = wrk.format("GET", path)
	end
	if #reqs == 0 then
		reqs[1] = wrk.format("GET", wrk.path)
	end
	turn = 0
end

function request()
	turn = turn % #reqs + 1
	return reqs[turn]
end

function response(status, headers, body)
	if status < 200 or status > 299 then
		non2xx = non2xx + 1
		if not seen[status] then
			seen[status] = true
			statuses = statuses .. " " .. status
		end
	end
end

function done(summary, latency, requests)
	local n, codes = 0, ""
	for _, t in ipairs(threads) do
		n = n + t:get("non2xx")
		codes = codes .. t:get("statuses")
	end
	local e = summary.errors
	io.write(string.format("requests: %d\n", summary.requests))
	io.write(string.format("non2xx: %d\n", n))
	io.write(string.format("non2xx_statuses:%s\n", codes == "" and " none" or codes))
	io.write(string.format("socket_errors: %d\n", e.connect + e.read + e.write + e.timeout))
	io.write(string.format("socket_errors_detail: connect %d, read %d, write %d, timeout %d\n",
		e.connect, e.read, e.write, e.timeout))
	io.write(string.format("p50_ms: %.2f\n", latency:percentile(50) / 1000))
	io.write(string.format("p99_ms: %.2f\n", latency:percentile(99) / 1000))
	io.write(string.format("max_ms: %.2f\n", latency.max / 1000))
	io.write(string.format("rps: %.0f\n", summary.requests / (summary.duration / 1e6)))
end
