-- Starting and submitting quiz attempts (Bearer token BENCH_SESSION, quiz BENCH_QUIZ, answers BENCH_RESPONSES as
-- the JSON of an AttemptSubmission prepared by run.sh). Each started attempt's id is queued from its answer and
-- submitted by the thread's next request, so about half the requests start and half submit.
local token = os.getenv("BENCH_SESSION") or ""
local quiz = os.getenv("BENCH_QUIZ") or "vneid-co-ban-kiem-tra"
local body = os.getenv("BENCH_RESPONSES") or '{"responses":{}}'
local headers = { ["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. token }
local pending = {}

function request()
  local attempt = table.remove(pending)
  if attempt then
    return wrk.format("POST", "/api/v1/attempts/" .. attempt .. "/submit", headers, body)
  end
  return wrk.format("POST", "/api/v1/quizzes/" .. quiz .. "/attempts", headers, "")
end

function response(status, headers, body)
  local attempt = body and body:match('"attemptId":"([%w-]+)"')
  if status == 201 and attempt then table.insert(pending, attempt) end
end
