-- fibfp: doubly recursive Fibonacci on floats (float arithmetic in calls).
local function fibfp(n)
  if n < 2.0 then return n end
  return fibfp(n - 1.0) + fibfp(n - 2.0)
end

local n = tonumber(arg[1]) or 27
local t0 = os.clock()
local r = fibfp(n)
local t1 = os.clock()
print("result: " .. string.format("%d", r))
print("time-ms: " .. string.format("%.3f", (t1 - t0) * 1000.0))
