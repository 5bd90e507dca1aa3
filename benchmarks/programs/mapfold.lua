-- mapfold: closures and higher-order map/filter/fold pipelines over a list (arrays here).
local function my_map(f, xs)
  local out = {}
  for i = 1, #xs do out[i] = f(xs[i]) end
  return out
end

local function my_filter(keep, xs)
  local out = {}
  for i = 1, #xs do
    if keep(xs[i]) then out[#out + 1] = xs[i] end
  end
  return out
end

local function my_fold(f, acc, xs)
  for i = 1, #xs do acc = f(acc, xs[i]) end
  return acc
end

local function make_adder(k) return function(x) return x + k end end
local function compose(f, g) return function(x) return f(g(x)) end end
local function is_even(x) return x % 2 == 0 end

local function mapfold(rounds)
  local xs = {}
  for i = 1, 1000 do xs[i] = i - 1 end
  local total = 0
  for r = 0, rounds - 1 do
    local f = compose(make_adder(r), function(x) return x * 3 end)
    local ys = my_filter(is_even, my_map(f, xs))
    local s = my_fold(function(acc, y) return acc + y end, 0, ys)
    total = (total + s) % 1000000007
  end
  return total
end

local n = tonumber(arg[1]) or 300
local t0 = os.clock()
local r = mapfold(n)
local t1 = os.clock()
print("result: " .. string.format("%d", r))
print("time-ms: " .. string.format("%.3f", (t1 - t0) * 1000.0))
