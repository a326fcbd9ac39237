-- A GET with the Bearer token made by run.sh (BENCH_SESSION): the API as an app or a supervisor's tool calls it.
wrk.headers["Authorization"] = "Bearer " .. (os.getenv("BENCH_SESSION") or "")
