-- sieve: Eratosthenes' sieve over a vector of booleans; counts primes below n.
local function sieve(n)
  local v = {}
  for i = 0, n - 1 do v[i] = true end
  v[0] = false
  v[1] = false
  local count = 0
  for i = 2, n - 1 do
    if v[i] then
      local j = i * i
      while j < n do
        v[j] = false
        j = j + i
      end
      count = count + 1
    end
  end
  return count
end

local n = tonumber(arg[1]) or 500000
local t0 = os.clock()
local r = sieve(n)
local t1 = os.clock()
print("result: " .. string.format("%d", r))
print("time-ms: " .. string.format("%.3f", (t1 - t0) * 1000.0))
