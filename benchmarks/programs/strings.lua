-- strings: building strings from numbers, reversing and scanning them.
local function make_chunk(start)
  local s = ""
  for k = 0, 19 do
    s = s .. string.format("%d", (start + k) * 7919 % 100003) .. ","
  end
  return s
end

local function reverse_string(s)
  local n = #s
  local out = {}
  for i = 1, n do out[n - i + 1] = string.sub(s, i, i) end
  return table.concat(out)
end

local function scan(s, hash, sevens)
  for i = 1, #s do
    local c = string.byte(s, i)
    hash = (hash * 31 + c) % 1000003
    if c == 55 then sevens = sevens + 1 end
  end
  return hash, sevens
end

local function strings_benchmark(n)
  local hash, sevens = 0, 0
  for i = 0, n - 1 do
    hash, sevens = scan(reverse_string(make_chunk(i * 20)), hash, sevens)
  end
  return hash * 1000000 + sevens
end

local n = tonumber(arg[1]) or 1500
local t0 = os.clock()
local r = strings_benchmark(n)
local t1 = os.clock()
print("result: " .. string.format("%d", r))
print("time-ms: " .. string.format("%.3f", (t1 - t0) * 1000.0))
