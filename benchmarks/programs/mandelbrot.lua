-- mandelbrot: escape-time count on an n-by-n grid (float loops).
local MAX_ITER = 50

local function point_inside(cr, ci)
  local zr, zi = 0.0, 0.0
  local i = 0
  while true do
    if i == MAX_ITER then return 1 end
    if zr * zr + zi * zi > 4.0 then return 0 end
    zr, zi = zr * zr - zi * zi + cr, 2.0 * zr * zi + ci
    i = i + 1
  end
end

local function mandelbrot(n)
  local count = 0
  for y = 0, n - 1 do
    local ci = 2.0 * y / n - 1.0
    for x = 0, n - 1 do
      local cr = 2.0 * x / n - 1.5
      count = count + point_inside(cr, ci)
    end
  end
  return count
end

local n = tonumber(arg[1]) or 110
local t0 = os.clock()
local r = mandelbrot(n)
local t1 = os.clock()
print("result: " .. string.format("%d", r))
print("time-ms: " .. string.format("%.3f", (t1 - t0) * 1000.0))
