"""A citizen's whole journey in a real browser, with JavaScript and without it.

Register on /start, follow a guided tutorial step by step, answer the last step, sign out, then on a fresh browser
profile (another device) resume with the code and find the progress kept.
"""

import pytest

from citizen import check_progress_kept, follow_whole_tutorial, register, resume, sign_out
from support import javascript_runs, open_page


@pytest.mark.parametrize("javascript", [True, False], ids=["with-javascript", "without-javascript"])
def test_citizen_follows_a_tutorial_and_resumes_on_another_device(server, browsers, tutorial, javascript):
    name = "Nguyễn Thị Hoa" if javascript else "Trần Văn Bình"
    missing = []

    # Given a citizen on a new device
    first = browsers.new(javascript=javascript)
    assert javascript_runs(first) == javascript, "the browser's JavaScript setting did not take effect"
    code = register(first, server.base_url, name)

    # When they follow the whole tutorial, answer its last step and sign out
    follow_whole_tutorial(first, server.base_url, tutorial, missing)
    open_page(first, server.base_url, "/")
    sign_out(first)
    open_page(first, server.base_url, "/me")
    assert "/signin" in first.current_url, "after signing out, 'Học của tôi' still opens without the code"
    browsers.close(first)

    # Then on another device, signing in with the code brings their progress back
    second = browsers.new(javascript=javascript)
    assert javascript_runs(second) == javascript
    resume(second, server.base_url, code)
    check_progress_kept(second, server.base_url, tutorial, name)

    assert not missing, "\n".join(missing)
