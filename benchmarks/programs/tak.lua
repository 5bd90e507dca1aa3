-- tak: the Takeuchi function (call-heavy recursion with three arguments).
local function tak(x, y, z)
  if not (y < x) then return z end
  return tak(tak(x - 1, y, z), tak(y - 1, z, x), tak(z - 1, x, y))
end

local n = tonumber(arg[1]) or 22
local t0 = os.clock()
local r = tak(n, math.floor(n * 2 / 3), math.floor(n / 3))
local t1 = os.clock()
print("result: " .. string.format("%d", r))
print("time-ms: " .. string.format("%.3f", (t1 - t0) * 1000.0))
