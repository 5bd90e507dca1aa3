-- ackermann: Ackermann's function A(3, n) (deep call-heavy recursion).
local function ack(m, n)
  if m == 0 then return n + 1 end
  if n == 0 then return ack(m - 1, 1) end
  return ack(m - 1, ack(m, n - 1))
end

local n = tonumber(arg[1]) or 8
local t0 = os.clock()
local r = ack(3, n)
local t1 = os.clock()
print("result: " .. string.format("%d", r))
print("time-ms: " .. string.format("%.3f", (t1 - t0) * 1000.0))
