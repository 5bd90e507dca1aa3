-- nested: a triple nested integer loop counting (a*b + c) mod 7 == 0.
local function nested(n)
  local count = 0
  for a = 0, n - 1 do
    for b = 0, n - 1 do
      for c = 0, n - 1 do
        if (a * b + c) % 7 == 0 then count = count + 1 end
      end
    end
  end
  return count
end

local n = tonumber(arg[1]) or 100
local t0 = os.clock()
local r = nested(n)
local t1 = os.clock()
print("result: " .. string.format("%d", r))
print("time-ms: " .. string.format("%.3f", (t1 - t0) * 1000.0))
