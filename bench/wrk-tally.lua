-- SPDX-License-Identifier: AGPL-3.0-or-later
-- wrk-tally.lua: what the filing scripts of wrk share (bench/filing.lua,
-- bench/intake-open311.lua load it with dofile): the threads' ids, the
-- count of filed and refused requests with the tracking numbers answered,
-- and the "name: value" lines printed at the end, the last one RATE (the
-- filed requests per second). Each script's init(args) calls
-- tally_init(args) (args[3] is RUN, args[4] OUT), its response() calls
-- tally(status, tracking), its done() calls tally_done(..., RATE).

local threads = {}

function setup(thread)
	table.insert(threads, thread)
	thread:set("id", #threads)
end

-- Globals of the thread's own Lua state, read by done() through get().
function tally_init(args)
	filed = 0
	failed = 0
	statuses = ""
	tracked = {}
	seen = {}
	run = args[3]
	outpath = args[4]
	-- Threads start at different places in the turn, so that the first
	-- requests of the run are not all the same.
	turn = (id - 1) * 7
	n = 0
end

-- A filing answered with its tracking number, or refused (tracking nil).
function tally(status, tracking)
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

function tally_done(summary, latency, rate)
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
	io.write(string.format("%s: %.0f\n", rate, ok / (summary.duration / 1e6)))
end
