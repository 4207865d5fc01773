#!/usr/bin/env python3
"""A CA that misbehaves on cue: an HTTPS proxy in front of Pebble that injects faults into chosen requests.

    acme-fault-proxy.py --cert C --key K --upstream-port P --upstream-ca CA --rules RULES.json \
        --port-file PORT --log LOG.jsonl

It terminates TLS with C/K (Pebble's own localhost certificate, so `--ca-bundle` trusts both) and forwards
every request to Pebble's ACME port with the Host header unchanged: Pebble builds every URL it returns (the
directory, Location, order and authorization URLs) from that header, so the client keeps talking through
the proxy for the whole order.

RULES.json is a list of rules; the first that matches a request decides its fault:

    {"method": "POST", "path": "^/order-plz$", "nth": [1], "when": "before",
     "fault": "status", "status": 503, "retryAfter": "120", "problem": {"type": "...", "detail": "..."}}

- method, path (a regular expression searched in the request path): which requests the rule counts;
- nth: which of those (1 = the first matching request); absent: every one;
- when: "before" (Pebble never sees the request) or "after" (Pebble handles it, its answer is lost);
- fault: "status" (that status, with `Retry-After` and a problem document when given, else an empty body),
  "reset" (the connection is reset, no answer), "truncate" (the answer's head promises more body than is
  sent, then the connection closes), "garbage" (an HTML page for a body: 200, or Pebble's status and headers
  when it handled the request), "hang" (no answer at all, the
  connection kept open), "stall" (the answer's head and half its body, then nothing).

Every request is logged to LOG.jsonl as one JSON object per line: seq, method, path, fault (or null).
"""
import argparse
import http.client
import http.server
import json
import os
import re
import socket
import ssl
import struct
import threading
import time


class Rule:
    def __init__(self, spec):
        self.method = spec.get("method")
        self.path = re.compile(spec.get("path", ""))
        self.nth = set(spec["nth"]) if "nth" in spec else None
        self.when = spec.get("when", "before")
        self.spec = spec
        self.seen = 0

    def matches(self, method, path):
        """Counts the request when it is of this rule's kind; true when it is one of the chosen ones."""
        if self.method not in (None, method) or not self.path.search(path):
            return False
        self.seen += 1
        return self.nth is None or self.seen in self.nth


class Proxy(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, options, rules):
        super().__init__(("127.0.0.1", 0), Handler)
        self.options = options
        self.rules = rules
        self.lock = threading.Lock()
        self.sequence = 0
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(options.cert, options.key)
        self.socket = context.wrap_socket(self.socket, server_side=True, do_handshake_on_connect=False)
        self.upstream_context = ssl.create_default_context(cafile=options.upstream_ca)

    def decide(self, method, path):
        """The rule for this request (or None) and its sequence number, logged before anything is sent."""
        with self.lock:
            self.sequence += 1
            rule = next((rule for rule in self.rules if rule.matches(method, path)), None)
            entry = {"seq": self.sequence, "method": method, "path": path, "fault": rule.spec["fault"] if rule else None}
            with open(self.options.log, "a") as log:
                log.write(json.dumps(entry) + "\n")
            return rule


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def setup(self):
        super().setup()
        try:
            self.connection.do_handshake()
        except (ssl.SSLError, OSError):
            self.close_connection = True

    def finish(self):
        try:
            super().finish()
        except OSError:
            pass

    def do_GET(self):
        self.relay()

    def do_HEAD(self):
        self.relay()

    def do_POST(self):
        self.relay()

    def relay(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else None
        rule = self.server.decide(self.command, self.path)
        answer = None
        if rule is None or rule.when == "after":
            answer = self.forward(body)
        if rule is None:
            self.answer(*answer)
        else:
            self.inject(rule.spec, answer)

    def forward(self, body):
        """Pebble's answer to the same request: status, headers, body."""
        upstream = http.client.HTTPSConnection(
            "localhost", self.server.options.upstream_port, context=self.server.upstream_context, timeout=60
        )
        headers = {name: value for name, value in self.headers.items() if name.lower() not in ("connection", "content-length")}
        upstream.request(self.command, self.path, body=body, headers=headers)
        response = upstream.getresponse()
        content = response.read()
        upstream.close()
        hop_by_hop = ("connection", "content-length", "transfer-encoding", "keep-alive")
        return response.status, [(k, v) for k, v in response.getheaders() if k.lower() not in hop_by_hop], content

    def answer(self, status, headers, content, declared_length=None):
        self.send_response_only(status)
        for name, value in headers:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(content) if declared_length is None else declared_length))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(content)
        self.wfile.flush()

    def inject(self, spec, answer):
        fault = spec["fault"]
        if fault == "status":
            headers, content = [], b""
            if spec.get("retryAfter") is not None:
                headers.append(("Retry-After", str(spec["retryAfter"])))
            if spec.get("problem") is not None:
                headers.append(("Content-Type", "application/problem+json"))
                content = json.dumps(spec["problem"]).encode()
            self.answer(spec["status"], headers, content)
        elif fault == "garbage":
            # After Pebble handled it, its status and headers (Location, Replay-Nonce) stay: only the body is lost.
            status, headers, _ = answer or (200, [], b"")
            headers = [(k, v) for k, v in headers if k.lower() != "content-type"] + [("Content-Type", "text/html")]
            self.answer(status, headers, b"<html><body>Service temporarily unavailable</body></html>")
        elif fault == "reset":
            self.close_connection = True
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.connection.close()
        elif fault in ("truncate", "stall"):
            status, headers, content = answer or (200, [("Content-Type", "application/json")], b'{"status": "pending"}' * 8)
            self.close_connection = True
            self.send_response_only(status)
            for name, value in headers:
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(content) + 64))
            self.end_headers()
            self.wfile.write(content[: len(content) // 2])
            self.wfile.flush()
            if fault == "stall":
                self.wait_for_client_to_leave()
            self.connection.close()
        elif fault == "hang":
            self.close_connection = True
            self.wait_for_client_to_leave()
        else:
            raise ValueError("unknown fault " + fault)

    def wait_for_client_to_leave(self):
        """Holds the connection, answering nothing, until the client closes it (the test stops us otherwise)."""
        raw = self.connection
        while True:
            try:
                if not raw.recv(1):
                    return
            except ssl.SSLWantReadError:
                time.sleep(0.05)
            except OSError:
                return


def main():
    parser = argparse.ArgumentParser()
    for option in ("--cert", "--key", "--upstream-ca", "--rules", "--port-file", "--log"):
        parser.add_argument(option, required=True)
    parser.add_argument("--upstream-port", type=int, required=True)
    options = parser.parse_args()
    with open(options.rules) as file:
        rules = [Rule(spec) for spec in json.load(file)]
    open(options.log, "w").close()
    proxy = Proxy(options, rules)
    with open(options.port_file + ".tmp", "w") as file:
        file.write(str(proxy.server_address[1]))
    os.rename(options.port_file + ".tmp", options.port_file)
    proxy.serve_forever()


if __name__ == "__main__":
    main()
