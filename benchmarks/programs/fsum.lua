-- fsum: a float sum loop, sum of 1/(x*x + 1) for x = 0.0, 1.0, ...
local function fsum(n)
  local x, acc = 0.0, 0.0
  local i = 0
  while i ~= n do
    acc = acc + 1.0 / (x * x + 1.0)
    x = x + 1.0
    i = i + 1
  end
  return acc
end

local n = tonumber(arg[1]) or 600000
local t0 = os.clock()
local r = fsum(n)
local t1 = os.clock()
print("result: " .. string.format("%d", math.floor(r * 1e9)))
print("time-ms: " .. string.format("%.3f", (t1 - t0) * 1000.0))
