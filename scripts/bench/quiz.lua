-- Starting and submitting quiz attempts of BENCH_QUIZ, as many learners at once. run.sh gives wrk one thread per
-- connection, and each thread a learner of its own from BENCH_SESSIONS (Bearer tokens, comma-separated), so each
-- learner has a handful of attempts, as in a real class. A thread submits the attempt it just started, with
-- BENCH_RESPONSES (the JSON of an AttemptSubmission answering every question), then starts another.
local tokens = {}
for value in string.gmatch(os.getenv("BENCH_SESSIONS") or "", "[^,]+") do tokens[#tokens + 1] = value end
local threads = 0

function setup(thread)
  threads = threads + 1
  thread:set("token", tokens[(threads - 1) % #tokens + 1])
end

local quiz = os.getenv("BENCH_QUIZ") or "vneid-co-ban-kiem-tra"
local body = os.getenv("BENCH_RESPONSES") or '{"responses":{}}'
local attempt = nil
local starting = false

function request()
  local headers = { ["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. (token or "") }
  if attempt then
    local id = attempt
    attempt = nil
    starting = false
    return wrk.format("POST", "/api/v1/attempts/" .. id .. "/submit", headers, body)
  end
  starting = true
  return wrk.format("POST", "/api/v1/quizzes/" .. quiz .. "/attempts", headers, "")
end

function response(status, headers, body)
  -- A submitted attempt's answer names it too: only a start's answer queues a submission.
  if starting and status == 201 then attempt = body:match('"attemptId":"([%w-]+)"') end
end
