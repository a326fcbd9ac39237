-- POST /api/v1/sessions as a sample official (password checked with Bcrypt on every request).
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = string.format('{"username":"%s","password":"%s"}',
  os.getenv("BENCH_USERNAME") or "lan.tt.anphu", os.getenv("BENCH_PASSWORD") or "demo-binhdan-2025")
