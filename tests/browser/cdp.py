# SPDX-License-Identifier: GPL-3.0-or-later
# cdp.py: a real browser for the dashboard's tests: Debian's chromium,
# headless, driven over its DevTools protocol on a pipe
# (--remote-debugging-pipe: commands on fd 3, answers and events on fd
# 4, each a JSON text ended by a NUL byte).  Python's standard library
# only; no npm, no websocket.
#
#   b = Browser("/usr/bin/chromium", profile_dir)
#   b.goto(url); b.fill("#name", "x"); b.click("#signin")
#   b.eval("document.title"); b.status(); b.screenshot("page.png")
#   b.close()

import base64
import json
import os
import select
import subprocess


class BrowserError(Exception):
    pass


class Browser:
    def __init__(self, chromium, profile, width=1100, height=760):
        to_r, to_w = os.pipe()        # our commands: chromium's fd 3
        from_r, from_w = os.pipe()    # its answers: chromium's fd 4
        args = [chromium, "--headless", "--disable-gpu", "--no-first-run",
                "--no-default-browser-check", "--disable-extensions",
                "--disable-background-networking", "--disable-sync",
                "--no-proxy-server", "--remote-debugging-pipe",
                "--user-data-dir=" + profile, "--lang=en-US",
                "--window-size=%d,%d" % (width, height),
                # A test's own pages on loopback: chromium's sandbox
                # would only fail where root runs it, or a container
                # has no user namespaces.
                "--no-sandbox", "about:blank"]

        def fds():
            os.dup2(to_r, 3)
            os.dup2(from_w, 4)
        self.proc = subprocess.Popen(args, pass_fds=(3, 4),
                                     preexec_fn=fds,
                                     stdout=subprocess.DEVNULL,
                                     stderr=subprocess.DEVNULL)
        os.close(to_r)
        os.close(from_w)
        self.w, self.r = to_w, from_r
        self.buf = b""
        self.events = []
        self.next_id = 0
        self.session = None
        targets = self.send("Target.getTargets")["targetInfos"]
        page = [t for t in targets if t["type"] == "page"][0]
        self.session = self.send("Target.attachToTarget",
                                 {"targetId": page["targetId"],
                                  "flatten": True}, top=True)["sessionId"]
        self.send("Page.enable")
        self.send("Network.enable")
        self.send("Emulation.setDeviceMetricsOverride",
                  {"width": width, "height": height,
                   "deviceScaleFactor": 1, "mobile": False})

    def _read(self, timeout):
        while b"\0" not in self.buf:
            ready, _, _ = select.select([self.r], [], [], timeout)
            if not ready:
                raise BrowserError("chromium did not answer in %ds"
                                   % timeout)
            chunk = os.read(self.r, 65536)
            if not chunk:
                raise BrowserError("chromium went away")
            self.buf += chunk
        msg, self.buf = self.buf.split(b"\0", 1)
        return json.loads(msg)

    def send(self, method, params=None, top=False, timeout=30):
        self.next_id += 1
        msg = {"id": self.next_id, "method": method,
               "params": params or {}}
        if self.session is not None and not top:
            msg["sessionId"] = self.session
        os.write(self.w, json.dumps(msg).encode() + b"\0")
        while True:
            m = self._read(timeout)
            if m.get("id") == self.next_id:
                if "error" in m:
                    raise BrowserError("%s: %s" % (method, m["error"]))
                return m.get("result", {})
            if "method" in m:
                self.events.append(m)

    def wait_event(self, name, timeout=30):
        while True:
            for i, m in enumerate(self.events):
                if m["method"] == name:
                    del self.events[i]
                    return m.get("params", {})
            m = self._read(timeout)
            if "method" in m:
                self.events.append(m)

    def eval(self, expr):
        r = self.send("Runtime.evaluate",
                      {"expression": expr, "returnByValue": True})
        if "exceptionDetails" in r:
            raise BrowserError("%s: %s" % (expr, r["exceptionDetails"]))
        return r["result"].get("value")

    def goto(self, url):
        self.events = []
        self.send("Page.navigate", {"url": url})
        self.wait_event("Page.loadEventFired")

    def fill(self, selector, value):
        self.eval("document.querySelector(%s).value = %s"
                  % (json.dumps(selector), json.dumps(value)))

    def click(self, selector):
        """Clicks what selector finds and waits for the next page."""
        self.events = []
        self.eval("document.querySelector(%s).click()"
                  % json.dumps(selector))
        self.wait_event("Page.loadEventFired")

    def url(self):
        return self.eval("location.pathname + location.search")

    def status(self):
        return self.eval("performance.getEntriesByType('navigation')[0]"
                         ".responseStatus")

    def text(self):
        return self.eval("document.body.innerText")

    def cookies(self):
        return self.send("Network.getCookies")["cookies"]

    def set_cookie(self, cookie):
        keep = ("name", "value", "domain", "path", "secure", "httpOnly",
                "sameSite", "expires")
        self.send("Network.setCookie",
                  {k: cookie[k] for k in keep if k in cookie})

    def screenshot(self, path):
        # The whole page, as long as it is, at the window's width.
        size = self.send("Page.getLayoutMetrics")["cssContentSize"]
        clip = {"x": 0, "y": 0, "width": size["width"],
                "height": size["height"], "scale": 1}
        data = self.send("Page.captureScreenshot",
                         {"format": "png", "clip": clip,
                          "captureBeyondViewport": True})["data"]
        with open(path, "wb") as f:
            f.write(base64.b64decode(data))

    def close(self):
        try:
            self.send("Browser.close", top=True, timeout=10)
        except (BrowserError, OSError):
            pass
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
