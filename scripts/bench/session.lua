-- A signed-in learner's GET: sends the session cookie made by run.sh (BENCH_SESSION).
local token = os.getenv("BENCH_SESSION") or ""
wrk.headers["Cookie"] = "binhdan_session=" .. token
