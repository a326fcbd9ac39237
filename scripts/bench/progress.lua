-- POST /api/v1/progress with BENCH_EVENTS events per request (default 20), every id unique across the run:
-- run nonce (BENCH_NONCE) + wrk thread + request counter + index. Authenticated with the Bearer token (no CSRF).
local token = os.getenv("BENCH_SESSION") or ""
local nonce = os.getenv("BENCH_NONCE") or tostring(os.time())
local count = tonumber(os.getenv("BENCH_EVENTS") or "20")
local course = os.getenv("BENCH_COURSE") or "vneid-co-ban"
local lesson = os.getenv("BENCH_LESSON") or "vneid-la-gi"
local at = os.date("!%Y-%m-%dT%H:%M:%SZ")
local threads = 0

function setup(thread)
  threads = threads + 1
  thread:set("tid", threads)
end

local counter = 0
function request()
  counter = counter + 1
  local events = {}
  for i = 1, count do
    events[i] = string.format(
      '{"id":"bench-%s-%d-%d-%d","type":"opened","courseId":"%s","lessonId":"%s","at":"%s"}',
      nonce, tid or 0, counter, i, course, lesson, at)
  end
  local body = '{"events":[' .. table.concat(events, ",") .. ']}'
  return wrk.format("POST", "/api/v1/progress", {
    ["Content-Type"] = "application/json",
    ["Authorization"] = "Bearer " .. token,
  }, body)
end
