-- The resource run's load (bench/resources.py): every other request is a GET of /blocking
-- (a 50 ms wait in a BlockingHandler), the others POST a 64 KiB body to /echo, which reads it
-- through getInputStream() and writes it back through getOutputStream(). With an argument N
-- (`wrk ... URL -- N`) each thread stops after N responses, so a run is a count of requests.
dofile("/report.lua")

local limit, sent, received = 0, 0, 0
local wait, echo

function init(args)
  limit = tonumber(args[1]) or 0
  wait = wrk.format("GET", "/blocking")
  echo = wrk.format("POST", "/echo", {["Content-Type"] = "application/octet-stream"}, string.rep("x", 65536))
end

function request()
  sent = sent + 1
  if sent % 2 == 0 then
    return echo
  end
  return wait
end

function response(status, headers, body)
  received = received + 1
  if limit > 0 and received >= limit then
    wrk.thread:stop()
  end
end
