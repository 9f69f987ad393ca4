"""A minimal headless-Chromium driver over the DevTools protocol (websocket-client), for site tests.

One browser per session of use; ``open(url, width)`` loads a page at a viewport width (390 for a
phone, with touch and mobile emulation), waits for the load event and for MathJax to finish, and
``js(expr)`` evaluates JavaScript in the page. ``screenshot(path)`` saves the full page as PNG.
Every wait is bounded; nothing leaves 127.0.0.1.
"""
from __future__ import annotations

import base64
import json
import subprocess
import time
import urllib.request
from pathlib import Path

import websocket

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--hide-scrollbars",
         "--disable-background-networking", "--disable-component-update", "--disable-sync", "--mute-audio",
         "--remote-allow-origins=*", "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0"]
WAIT_S = 60

# resolves once the page has loaded and MathJax (where the page has it) has typeset everything
READY = """new Promise(resolve => {
  const typeset = () => {
    const mj = window.MathJax;
    if (mj && mj.startup && mj.startup.promise) { mj.startup.promise.then(() => resolve(true), () => resolve(false)); }
    else { resolve(true); }
  };
  if (document.readyState === "complete") { setTimeout(typeset, 50); }
  else { window.addEventListener("load", () => setTimeout(typeset, 50)); }
})"""


class Browser:
    """Headless Chromium driven over one DevTools websocket to a single tab."""

    def __init__(self, executable: str, profile: Path):
        profile.mkdir(parents=True, exist_ok=True)
        port_file = profile / "DevToolsActivePort"
        port_file.unlink(missing_ok=True)
        self.proc = subprocess.Popen([executable, *FLAGS, f"--user-data-dir={profile}", "about:blank"],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + WAIT_S
        while not (port_file.is_file() and port_file.read_text().strip()):
            if self.proc.poll() is not None or time.monotonic() > deadline:
                self.close()
                raise RuntimeError("Chromium did not start its DevTools endpoint")
            time.sleep(0.1)
        port = int(port_file.read_text().split()[0])
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list", timeout=10) as resp:
            page = next(t for t in json.load(resp) if t.get("type") == "page")
        self.ws = websocket.create_connection(page["webSocketDebuggerUrl"], timeout=WAIT_S, suppress_origin=True)
        self._id = 0
        self.loaded = False
        self.send("Page.enable")
        self.send("Runtime.enable")
        self.errors: list[str] = []

    def send(self, method: str, **params) -> dict:
        """One DevTools command; returns its result (events that arrive meanwhile are noted or ignored)."""
        self._id += 1
        mine = self._id
        self.ws.send(json.dumps({"id": mine, "method": method, "params": params}))
        deadline = time.monotonic() + WAIT_S
        while time.monotonic() < deadline:
            msg = json.loads(self.ws.recv())
            if msg.get("id") == mine:
                if "error" in msg:
                    raise RuntimeError(f"{method}: {msg['error']}")
                return msg.get("result", {})
            self._event(msg)
        raise TimeoutError(method)

    def _event(self, msg: dict) -> None:
        if msg.get("method") == "Runtime.exceptionThrown":
            details = msg["params"]["exceptionDetails"]
            self.errors.append(f"{details.get('url', '')}: "
                               + str((details.get("exception") or {}).get("description") or details.get("text")))
        elif msg.get("method") == "Page.loadEventFired":
            self.loaded = True

    def js(self, expression: str):
        """The value of a JavaScript expression in the page (promises are awaited)."""
        res = self.send("Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True)
        if "exceptionDetails" in res:
            raise RuntimeError(f"JavaScript error: {res['exceptionDetails'].get('text')} in {expression[:80]}")
        return res.get("result", {}).get("value")

    def open(self, url: str, width: int = 1280, height: int = 900) -> Browser:
        """Load ``url`` at a viewport ``width`` (a phone below 500 px) and wait until it is ready."""
        mobile = width < 500
        self.viewport = (width, height, mobile)
        self.send("Emulation.setDeviceMetricsOverride", width=width, height=height, deviceScaleFactor=1, mobile=mobile)
        self.send("Emulation.setTouchEmulationEnabled", enabled=mobile)
        self.loaded = False
        self.send("Page.navigate", url=url)
        deadline = time.monotonic() + WAIT_S
        while not self.loaded:
            if time.monotonic() > deadline:
                raise TimeoutError(f"{url} did not finish loading")
            self._event(json.loads(self.ws.recv()))
        ready = self.js(READY)
        assert ready, f"MathJax failed on {url}"
        return self

    def screenshot(self, path: Path) -> Path:
        """The whole page (up to 6,000 px tall) as a PNG: the viewport is stretched to the page's height."""
        width, height, mobile = self.viewport
        full = min(int(self.js("document.documentElement.scrollHeight")), 6000)
        self.send("Emulation.setDeviceMetricsOverride", width=width, height=max(full, height), deviceScaleFactor=1,
                  mobile=mobile)
        self.js("new Promise(r => setTimeout(r, 300))")
        shot = self.send("Page.captureScreenshot", format="png")
        self.send("Emulation.setDeviceMetricsOverride", width=width, height=height, deviceScaleFactor=1, mobile=mobile)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(base64.b64decode(shot["data"]))
        return path

    def close(self) -> None:
        try:
            if getattr(self, "ws", None):
                self.ws.close()
        finally:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)
