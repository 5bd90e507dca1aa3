-- nqueens: counts the solutions of the n-queens puzzle, with lists of rows (cons cells {car, cdr}).
local function cons(a, d) return {a, d} end

local function append(xs, ys)
  if xs == nil then return ys end
  return cons(xs[1], append(xs[2], ys))
end

local function safe(row, dist, placed)
  while placed ~= nil do
    if placed[1] == row + dist or placed[1] == row - dist then return false end
    dist = dist + 1
    placed = placed[2]
  end
  return true
end

local function try_rows(rows, skipped, placed)
  if rows == nil then
    if skipped == nil then return 1 else return 0 end
  end
  local total = 0
  if safe(rows[1], 1, placed) then
    total = try_rows(append(rows[2], skipped), nil, cons(rows[1], placed))
  end
  return total + try_rows(rows[2], cons(rows[1], skipped), placed)
end

local function queens(n)
  local rows = nil
  for i = n, 1, -1 do rows = cons(i, rows) end
  return try_rows(rows, nil, nil)
end

local n = tonumber(arg[1]) or 10
local t0 = os.clock()
local r = queens(n)
local t1 = os.clock()
print("result: " .. string.format("%d", r))
print("time-ms: " .. string.format("%.3f", (t1 - t0) * 1000.0))
