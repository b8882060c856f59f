# SPDX-License-Identifier: GPL-3.0-or-later
# dashboard.py: the dashboard in a real browser (tests/browser/cdp.py),
# as an education officer and a principal use it: run by
# tests/dashboard-browser.sh, which starts the server with two schools
# and two accounts.  Arguments: CHROMIUM URL PROFILE-DIR SHOTS-DIR
# SCHOOL-WITH-DATA OTHER-SCHOOL.  Prints one line per failure and the
# count; exits 1 when anything failed.

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from cdp import Browser, BrowserError  # noqa: E402

chromium, url, profile, shots, s1, s2 = sys.argv[1:7]
passed = failed = 0


def check(name, got, want):
    global passed, failed
    if got == want:
        passed += 1
    else:
        failed += 1
        print("FAIL: %s: got %r, wanted %r" % (name, got, want))


def has(name, text, part):
    global passed, failed
    if text is not None and part in text:
        passed += 1
    else:
        failed += 1
        print("FAIL: %s: %r not in the page:\n%s" % (name, part, text))


def shot(b, name):
    b.screenshot(os.path.join(shots, name))


def signin(b, name, password):
    b.goto(url + "/dashboard/login")
    b.fill("#name", name)
    b.fill("#password", password)
    b.click("#signin")


b = Browser(chromium, profile)
try:
    # Not signed in: any page leads to the sign-in form.
    b.goto(url + "/dashboard/school/" + s1)
    check("to sign-in", b.url(), "/dashboard/login")
    b.goto(url + "/dashboard/login?lang=en")
    shot(b, "login.png")
    has("sign-in form", b.text(), "Sign in to the dashboard")

    # The officer: the overview, a school, a module.
    signin(b, "officer", "tinh-mat-khau-1")
    check("officer lands", b.url(), "/dashboard/")
    check("overview status", b.status(), 200)
    page = b.text()
    has("overview title", page, "The province")
    has("overview school 1", page, s1)
    has("overview school 2", page, s2)
    has("overview who", page, "officer")
    check("cookie not readable by scripts",
          "hocso_session" in b.eval("document.cookie"), False)
    session = [c for c in b.cookies() if c["name"] == "hocso_session"]
    check("session cookie", len(session), 1)
    check("cookie HttpOnly", session[0]["httpOnly"], True)
    check("cookie SameSite", session[0].get("sameSite"), "Strict")
    # Every school is listed with a link to its page.
    for code in (s1, s2):
        check("overview links " + code, b.eval(
            "document.querySelectorAll('#t-schools a[href=\"/dashboard/"
            "school/%s\"]').length" % code), 1)
    shot(b, "overview.png")

    b.click('#t-schools a[href="/dashboard/school/%s"]' % s1)
    check("school page", b.url(), "/dashboard/school/" + s1)
    check("school status", b.status(), 200)
    # Counted by their cells: an empty table's one row has a single
    # cell, "Nothing yet.".
    rows = b.eval("document.querySelectorAll("
                  "'#t-grid tbody tr td:nth-child(2) a').length")
    check("school has progress rows", rows > 0, True)
    learners = b.eval("Number(document.querySelector("
                      "'#t-grid tbody tr td:nth-child(3)').innerText)")
    check("school learners counted", learners > 0, True)
    devices = b.eval("document.querySelectorAll("
                     "'#t-devices tbody tr td:nth-child(2)').length")
    check("school devices", devices, 1)
    shot(b, "school.png")

    b.click("#t-grid tbody tr td:nth-child(2) a")
    check("module page", b.url().startswith("/dashboard/module/"), True)
    check("module status", b.status(), 200)
    has("module rows", b.text(), s1)
    # The wrong answers chosen most, in words (the module is published):
    # no raw list of indexes, and words in them.
    wrong = b.eval("Array.from(document.querySelectorAll("
                   "'#t-questions tbody tr td:nth-child(7)'))"
                   ".map(function (td) { return td.innerText; })")
    check("module wrong answers", len(wrong) > 0, True)
    check("wrong answers not raw", [w for w in wrong if "[,]" in w], [])
    check("wrong answers in words",
          any(any(c.isalpha() for c in w) for w in wrong), True)
    # Each question's words next to its id, from the same package.
    qtext = b.eval("Array.from(document.querySelectorAll("
                   "'#t-questions tbody tr td:nth-child(2)'))"
                   ".map(function (td) { return td.innerText; })")
    check("question texts", len(qtext), len(wrong))
    check("question texts in words",
          all(any(c.isalpha() for c in t) for t in qtext), True)
    check("question ids small", b.eval("document.querySelectorAll("
          "'#t-questions tbody td.qid').length"), len(wrong))
    shot(b, "module.png")

    # Vietnamese, and back.
    b.click('.lang a[lang="vi"]')
    check("lang vi", b.eval("document.documentElement.lang"), "vi")
    shot(b, "module-vi.png")
    b.click('.lang a[lang="en"]')
    check("lang en", b.eval("document.documentElement.lang"), "en")

    # A form without its CSRF token is refused; the session lives on.
    b.eval("document.querySelector('header form input[name=csrf]')"
           ".remove()")
    b.click("#signout")
    check("no token status", b.status(), 403)
    has("no token says", b.text(), "did not come from this dashboard")
    b.goto(url + "/dashboard/")
    check("still signed in", b.status(), 200)

    # Sign-out ends the session: the old cookie, put back, gets the
    # sign-in page.
    old = [c for c in b.cookies() if c["name"] == "hocso_session"][0]
    b.click("#signout")
    check("signed out", b.url(), "/dashboard/login")
    check("cookie gone",
          [c for c in b.cookies() if c["name"] == "hocso_session"], [])
    b.set_cookie(old)
    b.goto(url + "/dashboard/")
    check("old cookie", b.url(), "/dashboard/login")
    has("old cookie page", b.text(), "Sign in to the dashboard")

    # A principal: their school only, whatever the URL.
    signin(b, "hieutruong", "truong-mat-khau")
    check("principal lands", b.url(), "/dashboard/school/" + s1)
    check("principal status", b.status(), 200)
    for path in ("/dashboard/school/" + s2, "/dashboard/",
                 "/dashboard/safety", "/dashboard/module/vn.hocso.basics"):
        b.goto(url + path)
        check("403 " + path, b.status(), 403)
        has("403 says " + path, b.text(),
            "This page is not open to your account.")
    shot(b, "forbidden.png")
    b.click("#signout")

    # Five wrong passwords lock the account, even for the right one.
    for i in range(1, 5):
        signin(b, "officer", "wrong-%d" % i)
        check("wrong %d" % i, b.status(), 401)
        has("wrong %d says" % i, b.text(), "Wrong account name or password.")
    signin(b, "officer", "wrong-5")
    check("fifth wrong", b.status(), 429)
    has("locked", b.text(), "locked for 15 minutes")
    signin(b, "officer", "tinh-mat-khau-1")
    check("locked right password", b.status(), 429)
    check("locked stays out", b.url(), "/dashboard/login")
    shot(b, "locked.png")
except BrowserError as e:
    failed += 1
    print("FAIL: the browser: %s" % e)
finally:
    b.close()

print("%d passed, %d failed" % (passed, failed))
sys.exit(1 if failed else 0)
