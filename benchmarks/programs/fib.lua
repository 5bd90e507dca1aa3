-- fib: doubly recursive Fibonacci on small integers (call-heavy recursion).
local function fib(n)
  if n < 2 then return n end
  return fib(n - 1) + fib(n - 2)
end

local n = tonumber(arg[1]) or 30
local t0 = os.clock()
local r = fib(n)
local t1 = os.clock()
print("result: " .. string.format("%d", r))
print("time-ms: " .. string.format("%.3f", (t1 - t0) * 1000.0))
