-- GET /todos/ID for a random ID of the 1000 rows bench/todo.py puts in the table, and wrk's
-- summary as one JSON line (report.lua).
dofile("/report.lua")
request = function()
  return wrk.format("GET", "/todos/" .. math.random(1, 1000))
end
